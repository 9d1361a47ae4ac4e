package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's ABI surface as CONTRACT.md states it, and opa_eval with the library's placeholders. */
class ModuleShapeTest {
    static final List<String> ABI_EXPORTS = List.of("opa_malloc", "opa_free", "opa_json_parse", "opa_value_parse",
            "opa_json_dump", "opa_value_dump", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_heap_blocks_stash",
            "opa_heap_blocks_restore", "opa_heap_stash_clear", "opa_value_add_path", "opa_value_remove_path",
            "opa_value_free", "opa_eval_ctx_new", "opa_eval_ctx_set_input", "opa_eval_ctx_set_data",
            "opa_eval_ctx_set_entrypoint", "opa_eval_ctx_get_result", "opa_eval", "eval", "entrypoints", "builtins");

    static final List<String> NAMED = List.of("opa_static_end", "opa_null", "opa_boolean", "opa_number_int",
            "opa_number_ref", "opa_string", "opa_array", "opa_array_with_cap", "opa_object", "opa_set",
            "opa_array_append", "opa_object_insert", "opa_set_add", "opa_value_get", "opa_value_iter", "opa_value_length",
            "opa_value_compare", "opa_value_type", "opa_value_merge", "opa_value_shallow_copy", "opa_value_upsert_path",
            "opa_number_to_i64", "opa_value_is_integer", "opa_eval_ctx_get_input", "opa_eval_ctx_get_data",
            "opa_eval_ctx_get_entrypoint", "opa_eval_ctx_set_result", "opa_runtime_error", "opa_memoize_init",
            "opa_memoize_push", "opa_memoize_pop", "opa_memoize_insert", "opa_memoize_get", "opa_json_parse_lazy",
            "opa_value_hash", "opa_strict_builtin_errors_set", "opa_host_builtin", "opa_println_value");

    @Test
    void importsExportsAndGlobalsMatchOpa() {
        WasmModule m = Parser.parse(OpaWasm.resource(OpaWasm.RUNTIME));
        List<String> imports = new ArrayList<>();
        m.importSection().stream().forEach(i -> imports.add(i.module() + "." + i.name()));
        assertThat(imports).containsExactlyInAnyOrder("env.memory", "env.opa_abort", "env.opa_println", "env.opa_builtin0",
                "env.opa_builtin1", "env.opa_builtin2", "env.opa_builtin3", "env.opa_builtin4");
        List<String> exports = new ArrayList<>();
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            exports.add(m.exportSection().getExport(i).name());
        }
        assertThat(exports).containsAll(ABI_EXPORTS).contains("memory", "opa_wasm_abi_version", "opa_wasm_abi_minor_version");

        OpaWasm opa = OpaWasm.runtime();
        assertThat(opa.instance.exports().global("opa_wasm_abi_version").getValue()).isEqualTo(1);
        assertThat(opa.instance.exports().global("opa_wasm_abi_minor_version").getValue()).isEqualTo(3);
        for (String name : NAMED) {
            assertThat(opa.hasFunction(name)).as(name).isTrue();
        }
        assertThat(m.importSection().count(ExternalType.FUNCTION)).isEqualTo(7);
    }

    @Test
    void placeholdersAndEvalContext() {
        OpaWasm opa = OpaWasm.runtime();
        assertThat(opa.dump(opa.calli("entrypoints"))).isEqualTo("{}");
        assertThat(opa.dump(opa.calli("builtins"))).isEqualTo("{}");
        assertThat(opa.calli("opa_static_end") % 8).isZero();
        int ctx = opa.calli("opa_eval_ctx_new");
        int input = opa.parse("{\"user\": \"alice\"}");
        int data = opa.parse("{}");
        opa.call("opa_eval_ctx_set_input", ctx, input);
        opa.call("opa_eval_ctx_set_data", ctx, data);
        opa.call("opa_eval_ctx_set_entrypoint", ctx, 2);
        assertThat(opa.calli("opa_eval_ctx_get_input", ctx)).isEqualTo(input);
        assertThat(opa.calli("opa_eval_ctx_get_data", ctx)).isEqualTo(data);
        assertThat(opa.calli("opa_eval_ctx_get_entrypoint", ctx)).isEqualTo(2);
        assertThat(opa.calli("eval", ctx)).isZero();
        assertThat(opa.calli("opa_eval_ctx_get_result", ctx)).isZero(); // the placeholder evaluates nothing
        int rs = opa.v("{{\"result\": true}}");
        opa.call("opa_eval_ctx_set_result", ctx, rs);
        assertThat(opa.dump(opa.calli("opa_eval_ctx_get_result", ctx))).isEqualTo("[{\"result\":true}]");
    }

    @Test
    void oneShotEvalParsesInputAndDumpsTheResultSet() {
        OpaWasm opa = OpaWasm.runtime();
        int data = opa.parse("{}");
        int heap = opa.calli("opa_heap_ptr_get");
        byte[] in = "{\"user\": \"alice\"}".getBytes(StandardCharsets.UTF_8);
        opa.memory.write(heap, in);
        int out = opa.calli("opa_eval", 0, 0, data, heap, in.length, heap + in.length, 0);
        assertThat(opa.cstring(out)).isEqualTo("[]");
        assertThat(opa.cstring(opa.calli("opa_eval", 0, 0, data, heap, in.length, heap + in.length, 1))).isEqualTo("set()");
        byte[] bad = "{\"user\": }".getBytes(StandardCharsets.UTF_8);
        opa.memory.write(heap, bad);
        assertThatThrownBy(() -> opa.calli("opa_eval", 0, 0, data, heap, bad.length, heap + bad.length, 0))
                .isInstanceOf(OpaWasm.Abort.class).hasMessage("opa_eval: invalid input JSON");
        // no input at all is fine (input undefined)
        assertThat(opa.cstring(opa.calli("opa_eval", 0, 0, data, 0, 0, heap, 0))).isEqualTo("[]");
    }

    /** The plan compiler reads the data start from this body and replaces it: callers must really call it. */
    @Test
    void placeholderBodiesAreRealCalls() {
        WasmModule m = Parser.parse(OpaWasm.resource(OpaWasm.RUNTIME));
        int imported = m.importSection().count(ExternalType.FUNCTION);
        int staticEnd = -1;
        int eval = -1;
        for (int i = 0; i < imported + m.functionSection().functionCount(); i++) {
            if ("opa_static_end".equals(m.nameSection().nameOfFunction(i))) {
                staticEnd = i;
            }
            if ("eval".equals(m.nameSection().nameOfFunction(i))) {
                eval = i;
            }
        }
        var first = m.codeSection().getFunctionBody(staticEnd - imported).instructions().get(0);
        assertThat(first.opcode()).isEqualTo(com.dylibso.chicory.wasm.types.OpCode.I32_CONST);
        OpaWasm opa = OpaWasm.runtime();
        assertThat(first.operands()[0]).isEqualTo(opa.call("opa_static_end"));
        assertThat(callSites(m, staticEnd)).as("calls of opa_static_end").isGreaterThanOrEqualTo(2);
        assertThat(callSites(m, eval)).as("calls of eval").isEqualTo(1);
    }

    private static long callSites(WasmModule m, int function) {
        long n = 0;
        for (var body : m.codeSection().functionBodies()) {
            n += body.instructions().stream()
                    .filter(i -> i.opcode() == com.dylibso.chicory.wasm.types.OpCode.CALL && i.operands()[0] == function)
                    .count();
        }
        return n;
    }

    @Test
    void carriesNoMachinePathsOrToolchainNames() {
        // reproducibility itself is checked by build.sh --check (CI); here: nothing of the build machine leaks in
        byte[] wasm = OpaWasm.resource(OpaWasm.RUNTIME);
        assertThat(new String(wasm, StandardCharsets.ISO_8859_1)).doesNotContain("/work/").doesNotContain("clang version");
    }
}
