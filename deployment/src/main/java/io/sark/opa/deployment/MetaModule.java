package io.sark.opa.deployment;

import io.sark.opa.wasm.BinaryModule;
import io.sark.opa.wasm.CodeBuilder;
import io.sark.opa.wasm.WasmReader;
import io.sark.opa.wasm.WasmWriter;
import java.util.Set;

/**
 * The module run time instantiates: everything but the bodies of the functions Chicory compiled to
 * bytecode, which become a bare {@code unreachable}. The interpreter still needs the bodies of the
 * functions too large for a JVM method, so those stay.
 */
final class MetaModule {

    private MetaModule() {}

    static byte[] strip(byte[] wasm, Set<Integer> interpretedFunctions) {
        BinaryModule module = WasmReader.read(wasm);
        byte[] unreachable = new CodeBuilder().unreachable().body(0);
        for (int index = module.importedFunctionCount(); index < module.functionCount(); index++) {
            if (!interpretedFunctions.contains(index)) {
                module.replaceCode(index, unreachable);
            }
        }
        return WasmWriter.write(module);
    }
}
