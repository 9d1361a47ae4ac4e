package io.sark.opa.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/** An OPA-ABI module driven through its raw exports, compiled to bytecode, with a heap reset per call. */
final class RawModule {

    private final Memory memory;
    private final ExportFunction malloc;
    private final ExportFunction jsonParse;
    private final Instance instance;
    private final int lazyParse;
    private final ExportFunction heapPtrSet;
    private final int baseHeap;

    RawModule(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        this.memory = new ByteArrayMemory(new MemoryLimits(8, 65536));
        this.instance = Instance.builder(module)
                .withImportValues(BareOpaEval.imports(memory))
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build();
        this.malloc = instance.export("opa_malloc");
        this.jsonParse = instance.export("opa_json_parse");
        this.lazyParse = functionIndex(module, "opa_json_parse_lazy");
        this.heapPtrSet = instance.export("opa_heap_ptr_set");
        this.baseHeap = (int) instance.export("opa_heap_ptr_get").apply()[0];
    }

    /** As {@link #parseJson} with our runtime's lazy parser: validates everything, builds only the top level. */
    int parseJsonLazily(byte[] json) {
        heapPtrSet.apply(baseHeap);
        int raw = (int) malloc.apply(json.length)[0];
        memory.write(raw, json);
        return (int) instance.getMachine().call(lazyParse, new long[] {raw, json.length})[0];
    }

    /** A function the library keeps but does not export, found through the name section; -1 if absent. */
    private static int functionIndex(WasmModule module, String name) {
        var names = module.nameSection();
        if (names == null) {
            return -1;
        }
        int functions = module.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.FUNCTION)
                + module.functionSection().functionCount();
        for (int i = 0; i < functions; i++) {
            if (name.equals(names.nameOfFunction(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Copies the text in, parses it into a value tree, and returns the value's address (0: rejected). */
    int parseJson(byte[] json) {
        heapPtrSet.apply(baseHeap);
        int raw = (int) malloc.apply(json.length)[0];
        memory.write(raw, json);
        return (int) jsonParse.apply(raw, json.length)[0];
    }
}
