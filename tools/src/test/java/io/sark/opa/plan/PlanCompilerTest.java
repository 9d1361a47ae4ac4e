package io.sark.opa.plan;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import io.sark.opa.ir.PlanReader;
import io.sark.opa.engine.OpaException;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.wasm.BinaryModule;
import io.sark.opa.wasm.Export;
import io.sark.opa.wasm.WasmReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PlanCompilerTest {
    /**
     * Entrypoint "sum": result = input.x + data.y (native plus); entrypoint "items": result = [v | v := input.xs[_]; v != "b"]
     * through a scan; function g0.data.p assigns twice to its return (a conflict when input.x != 1).
     */
    private static final String PLAN = """
            {"static": {"strings": [{"value": "result"}, {"value": "x"}, {"value": "y"}, {"value": "xs"}, {"value": "b"}, {"value": "1"}],
                        "files": [{"value": "policy.rego"}],
                        "builtin_funcs": [{"name": "plus", "decl": {"args": [{}, {}]}},
                                          {"name": "upper", "decl": {"args": [{}]}}, {"name": "custom.shout", "decl": {"args": [{}]}}]},
             "plans": {"plans": [
               {"name": "sum", "blocks": [{"stmts": [
                 {"type": "DotStmt", "stmt": {"source": {"type": "local", "value": 0}, "key": {"type": "string_index", "value": 1}, "target": 2}},
                 {"type": "DotStmt", "stmt": {"source": {"type": "local", "value": 1}, "key": {"type": "string_index", "value": 2}, "target": 3}},
                 {"type": "CallStmt", "stmt": {"func": "plus", "args": [{"type": "local", "value": 2}, {"type": "local", "value": 3}], "result": 4}},
                 {"type": "MakeObjectStmt", "stmt": {"target": 5}},
                 {"type": "ObjectInsertStmt", "stmt": {"key": {"type": "string_index", "value": 0}, "value": {"type": "local", "value": 4}, "object": 5}},
                 {"type": "ResultSetAddStmt", "stmt": {"value": 5}}]}]},
               {"name": "items", "blocks": [{"stmts": [
                 {"type": "MakeArrayStmt", "stmt": {"capacity": 0, "target": 2}},
                 {"type": "DotStmt", "stmt": {"source": {"type": "local", "value": 0}, "key": {"type": "string_index", "value": 3}, "target": 3}},
                 {"type": "ScanStmt", "stmt": {"source": 3, "key": 4, "value": 5, "block": {"stmts": [
                   {"type": "NotEqualStmt", "stmt": {"a": {"type": "local", "value": 5}, "b": {"type": "string_index", "value": 4}}},
                   {"type": "CallStmt", "stmt": {"func": "upper", "args": [{"type": "local", "value": 5}], "result": 6}},
                   {"type": "ArrayAppendStmt", "stmt": {"value": {"type": "local", "value": 6}, "array": 2}}]}}},
                 {"type": "MakeObjectStmt", "stmt": {"target": 7}},
                 {"type": "ObjectInsertStmt", "stmt": {"key": {"type": "string_index", "value": 0}, "value": {"type": "local", "value": 2}, "object": 7}},
                 {"type": "ResultSetAddStmt", "stmt": {"value": 7}}]}]},
               {"name": "conflict", "blocks": [{"stmts": [
                 {"type": "CallStmt", "stmt": {"func": "g0.data.p", "args": [{"type": "local", "value": 0}, {"type": "local", "value": 1}], "result": 2}},
                 {"type": "MakeObjectStmt", "stmt": {"target": 3}},
                 {"type": "ObjectInsertStmt", "stmt": {"key": {"type": "string_index", "value": 0}, "value": {"type": "local", "value": 2}, "object": 3}},
                 {"type": "ResultSetAddStmt", "stmt": {"value": 3}}]}]}]},
             "funcs": {"funcs": [
               {"name": "g0.data.p", "params": [0, 1], "return": 2, "path": ["g0", "p"], "blocks": [
                 {"stmts": [{"type": "MakeNumberRefStmt", "stmt": {"Index": 5, "target": 3}},
                            {"type": "AssignVarOnceStmt", "stmt": {"source": {"type": "local", "value": 3}, "target": 2}}]},
                 {"stmts": [{"type": "DotStmt", "stmt": {"source": {"type": "local", "value": 0}, "key": {"type": "string_index", "value": 1}, "target": 4}},
                            {"type": "AssignVarOnceStmt", "stmt": {"source": {"type": "local", "value": 4}, "target": 2, "file": 0, "row": 7, "col": 3}}]},
                 {"stmts": [{"type": "ReturnLocalStmt", "stmt": {"source": 2}}]}]}]}}
            """;

    static final String EXAMPLE_PLAN = PLAN;

    static byte[] compile(String plan) {
        return PlanCompiler.withBundledRuntime().compile("test.json", PlanReader.read("test.json", plan.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void evaluatesEntrypoints() {
        OpaPolicy policy = load(compile(PLAN), Builtins.defaults(), "{\"y\": 2.5}", false);
        assertThat(policy.entrypoints()).containsEntry("sum", 0).containsEntry("items", 1).containsEntry("conflict", 2);

        assertThat(eval(policy, "sum", "{\"x\": 40}")).isEqualTo("[{\"result\":42.5}]");
        assertThat(eval(policy, "sum", "{}")).isEqualTo("[]");
        assertThat(eval(policy, "items", "{\"xs\": [\"a\", \"b\", \"c\"]}")).isEqualTo("[{\"result\":[\"A\",\"C\"]}]");
    }

    @Test
    void conflictingRuleValuesAbortWithOpaMessage() {
        OpaPolicy policy = load(compile(PLAN), Builtins.defaults(), "{}", false);
        assertThat(eval(policy, "conflict", "{\"x\": 1}")).isEqualTo("[{\"result\":1}]");
        assertThatThrownBy(() -> eval(policy, "conflict", "{\"x\": 2}"))
                .isInstanceOf(OpaException.class)
                .hasMessageContaining("policy.rego:7:3: eval_conflict_error: complete rules must not produce multiple outputs");
    }

    @Test
    void moduleHasOpaAbiShape() {
        byte[] wasm = compile(PLAN);
        WasmModule parsed = Parser.parse(wasm);
        Set<String> exports = IntStream.range(0, parsed.exportSection().exportCount())
                .mapToObj(i -> parsed.exportSection().getExport(i).name()).collect(Collectors.toSet());
        assertThat(exports).contains("eval", "entrypoints", "builtins", "opa_eval", "opa_malloc", "opa_json_dump",
                "opa_heap_ptr_get", "opa_wasm_abi_version", "opa_wasm_abi_minor_version", "memory");
        BinaryModule m = WasmReader.read(wasm);
        assertThat(m.imports()).extracting(i -> i.module() + "." + i.name()).containsExactlyInAnyOrder("env.memory",
                "env.opa_abort", "env.opa_builtin0", "env.opa_builtin1", "env.opa_builtin2",
                "env.opa_builtin3", "env.opa_builtin4");
        assertThat(parsed.importSection().count(ExternalType.FUNCTION)).isEqualTo(6);
        var instance = Instance.builder(parsed).withImportValues(
                ImportValues.builder()
                        .addMemory(new ImportMemory("env", "memory",
                                new ByteArrayMemory(new MemoryLimits(
                                        m.importedMemoryMinPages().getAsInt(), 1024))))
                        .withFunctions(stubs()).build()).build();
        assertThat(instance.exports().global("opa_wasm_abi_version").getValue()).isEqualTo(1);
        assertThat(instance.exports().global("opa_wasm_abi_minor_version").getValue()).isEqualTo(3);
        assertThat(m.exports()).extracting(Export::name).doesNotHaveDuplicates();
    }

    @Test
    void importsOnlyBuiltinsTheLibraryLacks() {
        BinaryModule library = WasmReader.read(libraryBytes());
        Set<String> expected = Set.of("plus", "upper").stream()
                .filter(n -> library.findFunction("opa_builtin_" + n).isEmpty())
                .collect(Collectors.toSet());
        assertThat(load(compile(PLAN), Builtins.defaults(), "{}", false).importedBuiltins()).containsOnlyKeys(expected);
    }

    @Test
    void hostBuiltinErrorsAreUndefinedUnlessStrict() {
        String plan = PLAN.replace("\"upper\"", "\"custom.shout\"");
        Builtins host = Builtins.of(List.of(Builtin.of("custom.shout", 1, (ctx, args) -> {
            if (args[0].asText().equals("c")) {
                throw new BuiltinException("custom.shout: cannot shout c");
            }
            return TextNode.valueOf(args[0].asText() + "!");
        })));
        String input = "{\"xs\": [\"a\", \"c\"]}";
        OpaPolicy lenient = load(compile(plan), host, "{}", false);
        assertThat(lenient.importedBuiltins()).containsKey("custom.shout");
        assertThat(eval(lenient, "items", input)).isEqualTo("[{\"result\":[\"a!\"]}]");
        assertThatThrownBy(() -> eval(load(compile(plan), host, "{}", true), "items", input))
                .isInstanceOfSatisfying(BuiltinException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("custom.shout: cannot shout c");
    }

    private static OpaPolicy load(byte[] wasm, Builtins builtins, String data, boolean strict) {
        return OpaPolicy.builder("test", Parser.parse(wasm)).withBuiltins(builtins)
                .withData(data.getBytes(StandardCharsets.UTF_8)).withStrictBuiltinErrors(strict).build();
    }

    private static String eval(OpaPolicy policy, String entrypoint, String input) {
        return policy.newInstance().evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8), null);
    }

    private static byte[] libraryBytes() {
        try (var in = PlanCompilerTest.class.getResourceAsStream(RuntimeLibrary.RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void validatesWithWabtWhenInstalled(@TempDir Path dir) throws Exception {
        File validate = new File("/usr/bin/wasm-validate");
        assumeTrue(validate.canExecute(), "wasm-validate (Debian wabt) not installed");
        Path wasm = dir.resolve("policy.wasm");
        Files.write(wasm, compile(PLAN));
        Process p = new ProcessBuilder(validate.getPath(), wasm.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void unknownFunctionNamesTheStatement() {
        String plan = PLAN.replace("\"func\": \"upper\"", "\"func\": \"no.such.builtin\"");
        assertThatThrownBy(() -> compile(plan))
                .isInstanceOf(PlanCompileException.class)
                .hasMessageContaining("test.json: plan items block 0 statement 2 (ScanStmt) block statement 1 (CallStmt)")
                .hasMessageContaining("unknown function no.such.builtin");
    }

    @Test
    void breakOutOfTheFunctionIsAnError() {
        String plan = PLAN.replace("{\"type\": \"MakeObjectStmt\", \"stmt\": {\"target\": 5}},",
                "{\"type\": \"BreakStmt\", \"stmt\": {\"index\": 1}}, {\"type\": \"MakeObjectStmt\", \"stmt\": {\"target\": 5}},");
        assertThatThrownBy(() -> compile(plan)).isInstanceOf(PlanCompileException.class)
                .hasMessageContaining("plan sum block 0 statement 3 (BreakStmt): break index 1 leaves the function");
    }

    @Test
    void badStringIndexIsAnError() {
        String plan = PLAN.replace("\"Index\": 5", "\"Index\": 99");
        assertThatThrownBy(() -> compile(plan)).isInstanceOf(PlanCompileException.class)
                .hasMessageContaining("function g0.data.p block 0 statement 0 (MakeNumberRefStmt)")
                .hasMessageContaining("string index 99 is out of range");
    }

    private static List<ImportFunction> stubs() {
        List<ImportFunction> fns = new ArrayList<>();
        fns.add(new HostFunction("env", "opa_abort",
                FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> null));
        fns.add(new HostFunction("env", "opa_println",
                FunctionType.of(List.of(ValType.I32), List.of()),
                (inst, args) -> null));
        for (int n = 0; n <= 4; n++) {
            fns.add(new HostFunction("env", "opa_builtin" + n,
                    FunctionType.of(
                            Collections.nCopies(n + 2, ValType.I32),
                            List.of(ValType.I32)),
                    (inst, args) -> new long[] {0}));
        }
        return fns;
    }
}
