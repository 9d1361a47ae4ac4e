package io.sark.opa.benchmarks;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;

/**
 * Prints the functions of a catalogued policy's module as {@code index<TAB>name} lines, so that a profile of
 * Chicory's compiled code, whose frames are named {@code func_<index>}, can be read by function name
 * ({@code benchmarks/profile_layers.py}). Usage: {@code WasmFunctionNames <policy name as PolicyCatalog knows it>}.
 */
public final class WasmFunctionNames {

    private WasmFunctionNames() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: WasmFunctionNames <policy>, one of " + PolicyCatalog.names());
        }
        WasmModule module = Parser.parse(PolicyCatalog.load(args[0]).wasm());
        NameCustomSection names = module.nameSection();
        int functions = module.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.FUNCTION)
                + module.functionSection().functionCount();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < functions; i++) {
            String name = names == null ? null : names.nameOfFunction(i);
            out.append(i).append('\t').append(name == null ? "func_" + i : name).append('\n');
        }
        System.out.print(out);
    }
}
