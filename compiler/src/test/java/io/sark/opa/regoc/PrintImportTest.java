package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.wasm.Import;
import io.sark.opa.wasm.WasmReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Only modules that print import {@code env.opa_println}: OPA's SDKs do not provide it and refuse to
 * instantiate a module importing it, so everything else must import exactly what OPA's compiler emits.
 */
class PrintImportTest {
    private static final String NO_PRINT = """
            package t
            double(x) := 2 * x
            out := {"n": double(input.n), "msg": sprintf("%s!", [input.s]), "big": input.n > 10}
            """;

    private static final String PRINTS = """
            package t
            out := double if {
                double := 2 * input.n
                print("double of", input.n, "is", double)
            }
            """;

    @Test
    void aPolicyThatNeverPrintsImportsExactlyWhatOpasCompilerEmits() throws IOException {
        assertThat(imports(NO_PRINT, "t/out")).isEqualTo(opaDemoPolicyImports());
        assertThat(eval(NO_PRINT, "t/out", "{}", "{\"n\": 21, \"s\": \"hi\"}"))
                .isEqualTo("[{\"result\":{\"big\":true,\"msg\":\"hi!\",\"n\":42}}]");
    }

    @Test
    void aPolicyThatPrintsAlsoImportsOpaPrintlnAndItsOutputReachesTheHost() throws IOException {
        Set<String> expected = new HashSet<>(opaDemoPolicyImports());
        expected.add(importName("env", "opa_println", Import.FUNCTION));
        assertThat(imports(PRINTS, "t/out")).isEqualTo(expected);

        List<String> printed = printedBy(
                () -> assertThat(eval(PRINTS, "t/out", "{}", "{\"n\": 4}")).isEqualTo("[{\"result\":8}]"));
        assertThat(printed).containsExactly("t: double of 4 is 8");
    }

    @Test
    void aPolicysPrintHookTakesItsLinesInsteadOfTheLogger() {
        // as OPA's rego.PrintHook (v1/topdown/print.go): each print call is one line to the hook; opa test keeps
        // them per test (v1/tester/runner.go)
        var policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", PRINTS, RegoVersion.V1)),
                List.of("t/out"));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", policy);
        List<String> hooked = new ArrayList<>();
        OpaPolicy hooking = OpaPolicy.builder("t", Parser.parse(wasm)).withPrintHook(hooked::add).build();
        List<String> logged = printedBy(() -> assertThat(hooking.newInstance()
                .evaluate("t/out", "{\"n\": 4}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                .isEqualTo("[{\"result\":8}]"));
        assertThat(hooked).containsExactly("double of 4 is 8");
        assertThat(logged).isEmpty();
    }

    /** Messages the engine's host {@code opa_println} logs while {@code evaluation} runs. */
    static List<String> printedBy(Runnable evaluation) {
        List<String> printed = new ArrayList<>();
        Logger logger = Logger.getLogger("io.sark.opa.print");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                printed.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            evaluation.run();
        } finally {
            logger.removeHandler(capture);
        }
        return printed;
    }

    private static Set<String> imports(String rego, String entrypoint) {
        var policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", rego, RegoVersion.V1)), List.of(entrypoint));
        return importNames(PlanCompiler.withBundledRuntime().compile("p.rego", policy));
    }

    /** The imports of the module OPA's own compiler built, shipped inside opa-java-wasm. */
    private static Set<String> opaDemoPolicyImports() throws IOException {
        try (InputStream in = com.styra.opa.wasm.OpaPolicy.class.getResourceAsStream("/demo-policy.wasm")) {
            assertThat(in).as("demo-policy.wasm in opa-java-wasm").isNotNull();
            return importNames(in.readAllBytes());
        }
    }

    private static String importName(String module, String name, int kind) {
        return module + "." + name + " (kind " + kind + ")";
    }

    private static Set<String> importNames(byte[] wasm) {
        return WasmReader.read(wasm).imports().stream().map(i -> importName(i.module(), i.name(), i.kind()))
                .collect(Collectors.toSet());
    }
}
