package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a name means, as OPA's compiler resolves it (v1/ast/compile.go resolveRefsInRule, declaredVars,
 * rewriteLocalVars): variables a rule declares ({@code :=}, {@code some}, function arguments, {@code every} and
 * comprehension declarations) shadow the rules and imports of the package in the whole rule; any other free name
 * that is a rule or an import is a reference to it, also on either side of {@code =}.
 */
class ScopingTest {

    static String eval(RegoVersion version, String rego, String entrypoint, String input) {
        return eval(version, rego, entrypoint, input, "{}");
    }

    static String eval(RegoVersion version, String rego, String entrypoint, String input, String data) {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", rego, version)), List.of(entrypoint));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", policy);
        return OpaPolicy.builder("t", Parser.parse(wasm)).withData(data.getBytes(StandardCharsets.UTF_8))
                .withBuiltins(Builtins.defaults()).build().newInstance()
                .evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }

    @Test
    void assignedVariableShadowsARuleOfTheSamePackage() {
        String rego = """
                package t
                p := 5
                out := x if {
                    p := 1
                    x := p + 1
                }
                """;
        assertThat(eval(RegoVersion.V1, rego, "t/out", "{}")).isEqualTo("[{\"result\":2}]");
    }

    @Test
    void someVariableShadowsARuleAndIterates() {
        String rego = """
                package t
                k := "not a key"
                out contains k if {
                    some k
                    input.xs[k] == "b"
                }
                """;
        assertThat(eval(RegoVersion.V1, rego, "t/out", "{\"xs\":[\"a\",\"b\"]}")).isEqualTo("[{\"result\":[1]}]");
    }

    @Test
    void functionArgumentShadowsARule() {
        String rego = """
                package t
                x := 100
                f(x) := x + 1
                out := f(1)
                """;
        assertThat(eval(RegoVersion.V1, rego, "t/out", "{}")).isEqualTo("[{\"result\":2}]");
    }

    @Test
    void everyAndComprehensionDeclarationsShadowRules() {
        String rego = """
                package t
                v := -1
                all_positive if every v in input.xs { v > 0 }
                doubled := [y | some v in input.xs; y := v * 2]
                out := [all_positive, doubled]
                """;
        assertThat(eval(RegoVersion.V1, rego, "t/out", "{\"xs\":[1,2]}")).isEqualTo("[{\"result\":[true,[2,4]]}]");
    }

    @Test
    void assignedVariableShadowsAnImportAlias() {
        String rego = """
                package t
                import data.lib.limit as y
                out := y if y := 3
                """;
        assertThat(eval(RegoVersion.V1, rego, "t/out", "{}")).isEqualTo("[{\"result\":3}]");
    }

    @Test
    void unificationWithAFreeNameOfARuleComparesWithTheRuleInV0() {
        String rego = """
                package t
                p = 7
                yes { p = 7 }
                no { p = 8 }
                out = [yes, x] { x := count([1 | no]) }
                """;
        assertThat(eval(RegoVersion.V0, rego, "t/out", "{}")).isEqualTo("[{\"result\":[true,0]}]");
    }

    @Test
    void assigningInputOrDataRebindsThemInV0() {
        String rego = """
                package t
                out = [x, y] {
                    input := {"a": 1}
                    x := input.a
                    y := [d | data := 2; d := data]
                }
                """;
        assertThat(eval(RegoVersion.V0, rego, "t/out", "{\"a\":9}")).isEqualTo("[{\"result\":[1,[2]]}]");
    }

    @Test
    void assigningInputIsAnErrorInV1() {
        // v1 modules are compiled in strict mode: checkRootDocumentOverrides
        assertThatThrownBy(() -> RegoCompilerTest.compile("w.rego", "package t\np if {\n  input := 1\n}\n", "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessageContaining("variables must not shadow input (use a different variable name)");
    }
}
