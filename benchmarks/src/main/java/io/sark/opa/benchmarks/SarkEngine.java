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
        return policy(name, wasm, dataJson, true);
    }

    /** As {@link #policy(String, byte[], String)}, choosing whether instances share the parsed data. */
    static OpaPolicy policy(String name, byte[] wasm, String dataJson, boolean sharedData) {
        WasmModule module = Parser.parse(wasm);
        return OpaPolicy.builder(name, module)
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .withData(DemoPolicy.utf8(dataJson))
                .withSharedData(sharedData)
                .build();
    }
}
