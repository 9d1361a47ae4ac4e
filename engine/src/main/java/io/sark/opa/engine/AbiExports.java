package io.sark.opa.engine;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Handles to the OPA ABI functions a live instance exports, and the JSON crossings built on them. */
final class AbiExports {

    /** What every OPA module exports, whatever its ABI minor version. */
    static final List<String> REQUIRED = List.of(
            "opa_malloc", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_json_parse", "opa_json_dump",
            "eval", "entrypoints", "builtins", "opa_eval_ctx_new", "opa_eval_ctx_set_input",
            "opa_eval_ctx_set_data", "opa_eval_ctx_get_result");

    final Memory memory;
    final ExportFunction malloc;
    final ExportFunction heapPtrGet;
    final ExportFunction heapPtrSet;
    final ExportFunction jsonParse;
    final ExportFunction jsonDump;
    final ExportFunction valueParse;
    final ExportFunction valueDump;
    final ExportFunction eval;
    final ExportFunction ctxNew;
    final ExportFunction ctxSetInput;
    final ExportFunction ctxSetData;
    final ExportFunction ctxSetEntrypoint;
    final ExportFunction ctxGetResult;
    final ExportFunction opaEval;
    /** Our runtime library's one-off evaluation of an input the host laid out as its values; absent elsewhere. */
    final ExportFunction evalInputValue;
    final ExportFunction entrypoints;
    final ExportFunction builtins;
    /** Our runtime library's switch for OPA's strict builtin errors in its native builtins; absent elsewhere. */
    final ExportFunction strictBuiltinErrorsSet;

    AbiExports(Instance instance) {
        Set<String> exported = functionExports(instance.module());
        this.memory = instance.memory();
        this.malloc = instance.export("opa_malloc");
        this.heapPtrGet = instance.export("opa_heap_ptr_get");
        this.heapPtrSet = instance.export("opa_heap_ptr_set");
        this.jsonParse = instance.export("opa_json_parse");
        this.jsonDump = instance.export("opa_json_dump");
        this.valueParse = exported.contains("opa_value_parse") ? instance.export("opa_value_parse") : null;
        this.valueDump = exported.contains("opa_value_dump") ? instance.export("opa_value_dump") : null;
        this.eval = instance.export("eval");
        this.ctxNew = instance.export("opa_eval_ctx_new");
        this.ctxSetInput = instance.export("opa_eval_ctx_set_input");
        this.ctxSetData = instance.export("opa_eval_ctx_set_data");
        this.ctxSetEntrypoint = exported.contains("opa_eval_ctx_set_entrypoint")
                ? instance.export("opa_eval_ctx_set_entrypoint") : null;
        this.ctxGetResult = instance.export("opa_eval_ctx_get_result");
        this.opaEval = exported.contains("opa_eval") ? instance.export("opa_eval") : null;
        this.evalInputValue = exported.contains("sark_eval_input_value") ? instance.export("sark_eval_input_value") : null;
        this.entrypoints = instance.export("entrypoints");
        this.builtins = instance.export("builtins");
        this.strictBuiltinErrorsSet = exported.contains("opa_strict_builtin_errors_set")
                ? instance.export("opa_strict_builtin_errors_set") : null;
    }

    /** The required ABI functions that {@code module} does not export, in the order of {@link #REQUIRED}. */
    static List<String> missingExports(WasmModule module, boolean oneCallEval) {
        Set<String> exported = functionExports(module);
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!exported.contains(name)) {
                missing.add(name);
            }
        }
        if (oneCallEval && !exported.contains("opa_eval")) {
            missing.add("opa_eval");
        }
        return missing;
    }

    static Set<String> functionExports(WasmModule module) {
        Set<String> names = new HashSet<>();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            var export = section.getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                names.add(export.name());
            }
        }
        return names;
    }

    static Set<String> globalExports(WasmModule module) {
        Set<String> names = new HashSet<>();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            var export = section.getExport(i);
            if (export.exportType() == ExternalType.GLOBAL) {
                names.add(export.name());
            }
        }
        return names;
    }

    /** Copies JSON text into linear memory and parses it there; 0 when the module rejects the text. */
    int parseJson(byte[] json) {
        return (int) jsonParse.apply(write(json), json.length)[0];
    }

    /**
     * As {@link #parseJson}, then overwrites the text with zeros where the module's values keep no reference to it
     * (our runtime library's {@code opa_json_parse}, see its CONTRACT.md; it alone exports
     * {@code opa_strict_builtin_errors_set}), so that an image of the memory leaves the text's pages out.
     */
    int parseJsonDroppingText(byte[] json) {
        int raw = write(json);
        int value = (int) jsonParse.apply(raw, json.length)[0];
        if (strictBuiltinErrorsSet != null) {
            memory.fill((byte) 0, raw, raw + json.length);
        }
        return value;
    }

    /** As {@link #parseJson}, with OPA's value syntax (sets): needs ABI 1.2's {@code opa_value_parse}. */
    int parseValue(byte[] text) {
        return (int) valueParse.apply(write(text), text.length)[0];
    }

    /** Copies text into a block of linear memory the module allocates; returns its address. */
    private int write(byte[] text) {
        int raw = (int) malloc.apply(text.length)[0];
        memory.write(raw, text);
        return raw;
    }

    /** OPA's value text of a value (sets as sets): needs {@code opa_value_dump}. */
    String dumpValue(int value) {
        return cString((int) valueDump.apply(value)[0]);
    }

    String dumpJson(int value) {
        return cString((int) jsonDump.apply(value)[0]);
    }

    String cString(int addr) {
        return memory.readCString(addr, StandardCharsets.UTF_8);
    }
}
