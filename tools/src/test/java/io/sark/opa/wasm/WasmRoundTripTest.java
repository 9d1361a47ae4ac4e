package io.sark.opa.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.plan.RuntimeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WasmRoundTripTest {

    @Test
    void opaBuiltDemoPolicySurvivesReadAndWrite() throws IOException {
        byte[] original = resource("/demo-policy.wasm");
        BinaryModule read = WasmReader.read(original);
        byte[] written = WasmWriter.write(read);

        BinaryModule reread = WasmReader.read(written);
        assertSameStructure(read, reread);
        assertThat(WasmWriter.write(reread)).isEqualTo(written);
        WasmModule parsed = Parser.parse(written);
        assertThat(parsed.functionSection().functionCount()).isEqualTo(read.definedFunctionCount());
    }

    @Test
    void rewrittenDemoPolicyStillEvaluates() throws IOException {
        byte[] written = WasmWriter.write(WasmReader.read(resource("/demo-policy.wasm")));
        OpaPolicy policy = OpaPolicy.builder("demo", Parser.parse(written)).withBuiltins(Builtins.defaults())
                .withData("{\"role\":{\"alice\":\"admin\",\"bob\":\"user\"}}".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(policy.newInstance().evaluate("opa/wasm/test/allowed",
                "{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8), null)).isEqualTo("[{\"result\":true}]");
        assertThat(policy.newInstance().evaluate("opa/wasm/test/allowed",
                "{\"user\":\"bob\"}".getBytes(StandardCharsets.UTF_8), null)).isEqualTo("[{\"result\":false}]");
    }

    @Test
    void runtimeLibraryKeepsItsNamesAndImports() throws IOException {
        byte[] original = resource(RuntimeLibrary.RESOURCE);
        BinaryModule read = WasmReader.read(original);
        assertThat(read.hasNameSection()).isTrue();
        assertThat(read.findFunction("opa_value_get")).isPresent();
        assertThat(read.findFunction("opa_builtin2")).hasValue(
                read.imports().stream().filter(i -> i.kind() == Import.FUNCTION).map(Import::name).toList().indexOf("opa_builtin2"));
        assertThat(read.importedMemoryMinPages()).isPresent();

        BinaryModule reread = WasmReader.read(WasmWriter.write(read));
        assertSameStructure(read, reread);
    }

    @Test
    void raisesTheImportedMemoryMinimum() throws IOException {
        BinaryModule m = WasmReader.read(resource(RuntimeLibrary.RESOURCE));
        int pages = m.importedMemoryMinPages().getAsInt() + 3;
        m.setImportedMemoryMinPages(pages);
        assertThat(WasmReader.read(WasmWriter.write(m)).importedMemoryMinPages()).hasValue(pages);
    }

    @Test
    void rejectsWhatIsNotWasm() {
        assertThatThrownBy(() -> WasmReader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(WasmFormatException.class).hasMessageContaining("magic");
        byte[] truncated = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 10, 1};
        assertThatThrownBy(() -> WasmReader.read(truncated))
                .isInstanceOf(WasmFormatException.class).hasMessageContaining("runs past the end");
    }

    @Test
    void encodesLeb128() {
        assertThat(new ByteWriter().u32(624485).toByteArray()).containsExactly(0xe5, 0x8e, 0x26);
        assertThat(new ByteWriter().s32(-123456).toByteArray()).containsExactly(0xc0, 0xbb, 0x78);
        assertThat(new ByteWriter().s64(63).toByteArray()).containsExactly(0x3f);
        assertThat(new ByteWriter().s64(64).toByteArray()).containsExactly(0xc0, 0x00);
        ByteReader r = new ByteReader(new ByteWriter().u32(0xffffffffL).s64(Long.MIN_VALUE).toByteArray());
        assertThat(r.u32()).isEqualTo(0xffffffffL);
        assertThat(r.s64()).isEqualTo(Long.MIN_VALUE);
    }

    private static void assertSameStructure(BinaryModule a, BinaryModule b) {
        assertThat(b.types()).isEqualTo(a.types());
        assertThat(b.imports()).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.imports());
        assertThat(b.exports()).isEqualTo(a.exports());
        assertThat(b.functionNames()).isEqualTo(a.functionNames());
        assertThat(b.functionCount()).isEqualTo(a.functionCount());
        assertThat(b.globalCount()).isEqualTo(a.globalCount());
        assertThat(b.dataSegmentCount()).isEqualTo(a.dataSegmentCount());
        assertThat(b.start()).isEqualTo(a.start());
        for (int i = a.importedFunctionCount(); i < a.functionCount(); i++) {
            assertThat(b.code(i)).as("code of function %d", i).isEqualTo(a.code(i));
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WasmRoundTripTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
