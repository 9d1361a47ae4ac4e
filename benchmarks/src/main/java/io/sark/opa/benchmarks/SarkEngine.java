package io.sark.opa.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import java.time.Duration;

/** Our engine set up as the extension sets it up: machine compiled to bytecode, default timeout. */
final class SarkEngine {

    /** The extension's default {@code quarkus.sark-opa.timeout}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private SarkEngine() {}

    static OpaInstance demoInstance(byte[] wasm) {
        return policy("demo", wasm, DemoPolicy.DATA).newInstance();
    }

    /** Any OPA-ABI module (OPA's or one our compiler made) with its data document. */
    static OpaPolicy policy(String name, byte[] wasm, String dataJson) {
        return builder(name, wasm, dataJson).build();
    }

    /** As {@link #policy(String, byte[], String)}, choosing whether instances share the parsed data. */
    static OpaPolicy policy(String name, byte[] wasm, String dataJson, boolean sharedData) {
        return builder(name, wasm, dataJson).withSharedData(sharedData).build();
    }

    /** As {@link #policy(String, byte[], String)}, passing all of the input to every entrypoint, whatever the module says it reads. */
    static OpaPolicy wholeInputPolicy(String name, byte[] wasm, String dataJson) {
        return builder(name, wasm, dataJson).withInputProjection(false).build();
    }

    /** As {@link #wholeInputPolicy}, with the input as JSON text the module parses: the path before issue #18. */
    static OpaPolicy wholeTextInputPolicy(String name, byte[] wasm, String dataJson) {
        return builder(name, wasm, dataJson).withInputProjection(false).withHostBuiltInput(false).build();
    }

    private static OpaPolicy.Builder builder(String name, byte[] wasm, String dataJson) {
        WasmModule module = Parser.parse(wasm);
        return OpaPolicy.builder(name, module)
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .withData(DemoPolicy.utf8(dataJson));
    }
}
