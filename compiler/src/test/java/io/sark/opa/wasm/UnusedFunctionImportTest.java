package io.sark.opa.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.plan.RuntimeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Removing the runtime library's print import, which only the never-called {@code opa_println_value} uses. */
class UnusedFunctionImportTest {

    @Test
    void anImportOnlyUncalledFunctionsUseGoesWithThemAndTheRestIsRenumbered() throws IOException {
        BinaryModule m = library();
        int functions = m.functionCount();
        Map<String, String> exportedFunctions = exportedFunctionNames(m);
        Map<String, FuncType> types = typesByName(m);
        String start = m.functionNames().get(m.start().getAsInt());

        assertThat(m.removeFunctionImportIfUnreachable("env", "opa_println")).isTrue();

        assertThat(m.imports()).extracting(Import::name).doesNotContain("opa_println").contains("opa_abort");
        // print's functions in wasm-runtime/src/host.c go with the import; print_put is inlined into print_lines
        List<String> printOnly = List.of("opa_println", "opa_println_value", "print_lines");
        assertThat(m.functionNames().values()).doesNotContainAnyElementsOf(printOnly);
        assertThat(m.functionCount()).isEqualTo(functions - printOnly.size());
        assertThat(exportedFunctionNames(m)).isEqualTo(exportedFunctions);
        Map<String, FuncType> kept = new HashMap<>(types);
        kept.keySet().removeAll(printOnly);
        assertThat(typesByName(m)).isEqualTo(kept);
        assertThat(m.functionNames().get(m.start().getAsInt())).isEqualTo(start);
        byte[] written = WasmWriter.write(m);
        assertThat(Parser.parse(written).functionSection().functionCount()).isEqualTo(m.definedFunctionCount());
        assertThat(WasmReader.read(written).functionNames()).isEqualTo(m.functionNames());
    }

    @Test
    void anImportStaysWhileAnExportCanReachIt() throws IOException {
        BinaryModule m = library();
        int printValue = m.findFunction("opa_println_value").getAsInt();
        m.addExport(new Export("print_value", Import.FUNCTION, printValue));
        int imports = m.imports().size();

        assertThat(m.removeFunctionImportIfUnreachable("env", "opa_println")).isFalse();
        assertThat(m.imports()).hasSize(imports);
        assertThat(m.findFunction("opa_println_value")).hasValue(printValue);
    }

    @Test
    void removingAFunctionThatIsStillCalledIsAnError() throws IOException {
        BinaryModule m = library();
        int println = m.findFunction("opa_println").getAsInt();
        assertThatThrownBy(() -> FunctionRemoval.remove(m, Set.of(println)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opa_println is removed but still referenced");
    }

    @Test
    void anImportTheModuleDoesNotHaveIsNotRemoved() throws IOException {
        BinaryModule m = library();
        assertThat(m.removeFunctionImportIfUnreachable("env", "no_such_import")).isFalse();
    }

    @Test
    void theInstructionDecoderReadsEveryBodyOfOpasDemoPolicyAndOurLibrary() throws IOException {
        for (BinaryModule m : List.of(library(), module("/demo-policy.wasm"))) {
            int[] references = {0};
            IntUnaryOperator identity = f -> {
                references[0]++;
                return f;
            };
            assertThat(m.codes).allSatisfy(body -> assertThat(FunctionIndexRewriter.code(body, identity)).isEqualTo(body));
            assertThat(m.elements).allSatisfy(e -> assertThat(FunctionIndexRewriter.element(e, identity)).isEqualTo(e));
            assertThat(references[0]).isGreaterThan(m.definedFunctionCount());
        }
    }

    private static Map<String, String> exportedFunctionNames(BinaryModule m) {
        Map<String, String> names = new HashMap<>();
        for (Export e : m.exports()) {
            if (e.kind() == Import.FUNCTION) {
                names.put(e.name(), m.functionNames().get(e.index()));
            }
        }
        return names;
    }

    private static Map<String, FuncType> typesByName(BinaryModule m) {
        Map<String, FuncType> types = new HashMap<>();
        m.functionNames().forEach((index, name) -> types.put(name, m.functionType(index)));
        return types;
    }

    private static BinaryModule library() throws IOException {
        return module(RuntimeLibrary.RESOURCE);
    }

    private static BinaryModule module(String resource) throws IOException {
        try (InputStream in = UnusedFunctionImportTest.class.getResourceAsStream(resource)) {
            return WasmReader.read(in.readAllBytes());
        }
    }
}
