package io.sark.opa.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The floor: a bare Chicory instance (compiled to bytecode) calling OPA's one-call {@code opa_eval} directly,
 * with no host layer at all. Nothing can evaluate the same module faster through the ABI.
 */
final class BareOpaEval {

    private final Memory memory;
    private final ExportFunction opaEval;
    private final int entrypoint;
    private final int dataAddr;
    private final int baseHeap;

    BareOpaEval(byte[] wasm, String dataJson, String entrypointName) {
        WasmModule module = Parser.parse(wasm);
        this.memory = new ByteArrayMemory(new MemoryLimits(initialPages(module), 65536));
        Instance instance = Instance.builder(module)
                .withImportValues(imports(memory))
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build();
        this.opaEval = instance.export("opa_eval");
        this.entrypoint = entrypointId(instance, entrypointName);
        byte[] data = DemoPolicy.utf8(dataJson);
        int raw = (int) instance.export("opa_malloc").apply(data.length)[0];
        memory.write(raw, data);
        this.dataAddr = (int) instance.export("opa_json_parse").apply(raw, data.length)[0];
        this.baseHeap = (int) instance.export("opa_heap_ptr_get").apply()[0];
    }

    /** The module's own minimum for the imported memory (OPA's modules ask for 2 pages, ours for more). */
    private static int initialPages(WasmModule module) {
        return module.importSection().stream()
                .filter(i -> i instanceof MemoryImport)
                .mapToInt(i -> ((MemoryImport) i).limits().initialPages())
                .findFirst()
                .orElse(2);
    }

    private int entrypointId(Instance instance, String name) {
        int entrypoints = (int) instance.export("entrypoints").apply()[0];
        int json = (int) instance.export("opa_json_dump").apply(entrypoints)[0];
        try {
            return new ObjectMapper().readTree(memory.readCString(json)).path(name).intValue();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entrypoints() of the module is not JSON", e);
        }
    }

    /** Writes the input at the heap base and evaluates; returns the address of the result JSON text. */
    int evaluate(byte[] input) {
        memory.write(baseHeap, input);
        return (int) opaEval.apply(0, entrypoint, dataAddr, baseHeap, input.length, baseHeap + input.length, 0)[0];
    }

    String resultText(int addr) {
        return memory.readCString(addr);
    }

    static ImportValues imports(Memory memory) {
        List<HostFunction> functions = new ArrayList<>();
        functions.add(new HostFunction("env", "opa_abort", FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> {
                    throw new IllegalStateException("opa_abort: " + inst.memory().readCString((int) args[0]));
                }));
        functions.add(new HostFunction("env", "opa_println", FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> null));
        for (int n = 0; n <= 4; n++) {
            // id, ctx, then n value addresses; the demo policy calls no host builtin
            List<ValType> params = new ArrayList<>(Collections.nCopies(n + 2, ValType.I32));
            String name = "opa_builtin" + n;
            functions.add(new HostFunction("env", name, FunctionType.of(params, List.of(ValType.I32)),
                    (inst, args) -> {
                        throw new IllegalStateException(name + " called");
                    }));
        }
        return ImportValues.builder()
                .addMemory(new ImportMemory("env", "memory", memory))
                .withFunctions(new ArrayList<>(functions))
                .build();
    }
}
