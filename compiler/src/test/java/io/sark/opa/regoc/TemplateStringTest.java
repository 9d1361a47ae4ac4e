package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinHalt;
import io.sark.opa.ir.Policy;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Template strings compile as OPA's compiler lowers them (v1/ast/compile.go, rewriteTemplateString): a call of
 * {@code internal.template_string} on the parts, every non-constant expression collected in a set.
 */
class TemplateStringTest {

    @Test
    void valuesRenderAsRegoTextAndUndefinedOnesAsAMarker() {
        String rego = """
                package t
                a := "foo"
                out := $"{a} {input.n + 1} {[1, "x"]} {{"k": {2}}} {set()} {input.missing} {null}"
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"n\":41}"))
                .isEqualTo("[{\"result\":\"foo 42 [1, \\\"x\\\"] {\\\"k\\\": {2}} set() <undefined> null\"}]");
    }

    @Test
    void expressionsSeeTheBodysVariablesAndTheirOwnWith() {
        String rego = """
                package t
                a := input.a
                out := [s | some k, v in ["x", "y"]; s := $`{k}={v}`]
                w := $"{a with input as {"a": 7}}" if true
                """;
        assertThat(eval(rego, "t/out", "{}", "{}")).isEqualTo("[{\"result\":[\"0=x\",\"1=y\"]}]");
        assertThat(eval(rego, "t/w", "{}", "{}")).isEqualTo("[{\"result\":\"7\"}]");
    }

    @Test
    void aFunctionArgumentTemplateIsComparedAfterTheBodyBindsItsVariables() {
        String rego = """
                package t
                f($"{x}-{input.y}") := 1 if x := "a"
                out := f("a-b")
                other if not f("a-c")
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"y\":\"b\"}")).isEqualTo("[{\"result\":1}]");
        assertThat(eval(rego, "t/other", "{}", "{\"y\":\"b\"}")).isEqualTo("[{\"result\":true}]");
    }

    @Test
    void templatesWorkAsRuleKeysDefaultsAndWithValues() {
        String rego = """
                package t
                obj[$"k-{input.k}"] := input.v
                default d := $"none"
                d := $"got {input.v}" if input.v > 10
                greeting := $"hi {input.name}"
                out := [obj, d, g] if g := greeting with input.name as $"{input.k}!"
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"k\":\"id\",\"v\":7,\"name\":\"x\"}"))
                .isEqualTo("[{\"result\":[{\"k-id\":7},\"none\",\"hi id!\"]}]");
    }

    @Test
    void severalValuesOfOneExpressionStopTheEvaluation() {
        String rego = "package t\nout := $\"{input.xs[_]}\"\n";
        assertThat(eval(rego, "t/out", "{}", "{\"xs\":[1]}")).isEqualTo("[{\"result\":\"1\"}]");
        // not undefined, even without strict builtin errors: OPA's builtin halts (v1/topdown/template_string.go)
        assertThatThrownBy(() -> eval(rego, "t/out", "{}", "{\"xs\":[1, 2]}")).isInstanceOf(BuiltinHalt.class)
                .hasMessage("eval_conflict_error: template-strings must not produce multiple outputs");
    }

    @Test
    void theLoweredCallIsOpasBuiltin() {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego",
                "package t\nmsg := $\"hi {input.name}\"\n", RegoVersion.V1)), List.of("t/msg"));
        assertThat(policy.builtinFuncs()).anySatisfy(b -> assertThat(b.name()).isEqualTo("internal.template_string"));
    }
}
