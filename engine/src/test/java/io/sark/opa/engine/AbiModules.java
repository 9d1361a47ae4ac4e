package io.sark.opa.engine;

import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small OPA-ABI modules for the corners of the ABI, assembled from {@code wat/json-text-abi.wat}. */
final class AbiModules {

    /** The policy returns its input as the decision. */
    static final String ECHO_INPUT = "(local.get $input)";

    private String major = "1";
    private String minor = "3";
    private String builtins = "{}";
    private String evalBody = ECHO_INPUT;
    private boolean oneCall = true;
    private String withoutExport;

    static AbiModules module() {
        return new AbiModules();
    }

    AbiModules abi(int major, int minor) {
        this.major = Integer.toString(major);
        this.minor = Integer.toString(minor);
        this.oneCall = major == 1 && minor >= 2;
        return this;
    }

    /** The builtins() export, e.g. {@code {"test.twice":0}}. */
    AbiModules builtins(String json) {
        this.builtins = json;
        return this;
    }

    AbiModules eval(String instructions) {
        this.evalBody = instructions;
        return this;
    }

    AbiModules withoutExport(String name) {
        this.withoutExport = name;
        return this;
    }

    WasmModule build() {
        String wat = resource("json-text-abi.wat")
                .replace("{{MAJOR}}", major)
                .replace("{{MINOR}}", minor)
                .replace("{{BUILTINS}}", builtins.replace("\"", "\\\""))
                .replace("{{EVAL_BODY}}", evalBody)
                .replace("{{ONE_CALL}}", oneCall ? resource("one-call-eval.wat.part") : "");
        if (withoutExport != null) {
            wat = wat.replace("(export \"" + withoutExport + "\")", "");
        }
        return Parser.parse(Wat2Wasm.parse(wat));
    }

    private static String resource(String name) {
        try (InputStream in = AbiModules.class.getResourceAsStream("/wat/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
