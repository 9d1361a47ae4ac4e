package io.sark.opa.deployment;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Small wasm modules assembled from WAT: OPA-ABI modules from {@code wat/json-text-abi.wat} (the engine
 * tests' template, whose only entrypoint is {@code allow}), and arbitrary modules.
 */
public final class WatModules {

    /** The policy returns its input as the decision. */
    public static final String ECHO_INPUT = "(local.get $input)";
    /** The policy never returns. */
    static final String LOOP_FOREVER = "(loop $forever (br $forever)) (i32.const 0)";

    private WatModules() {}

    /** An OPA-ABI module of the given version, {@code builtins()} export and decision body. */
    public static byte[] opaModule(int major, int minor, String builtinsJson, String evalBody) {
        boolean oneCall = major == 1 && minor >= 2;
        String wat = resource("json-text-abi.wat")
                .replace("{{MAJOR}}", Integer.toString(major))
                .replace("{{MINOR}}", Integer.toString(minor))
                .replace("{{BUILTINS}}", builtinsJson.replace("\"", "\\\""))
                .replace("{{EVAL_BODY}}", evalBody)
                .replace("{{ONE_CALL}}", oneCall ? resource("one-call-eval.wat.part") : "");
        return wasm(wat);
    }

    static byte[] wasm(String wat) {
        return Wat2Wasm.parse(wat);
    }

    private static String resource(String name) {
        try (InputStream in = WatModules.class.getResourceAsStream("/wat/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
