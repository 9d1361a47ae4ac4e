package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.compile;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The compile errors OPA reports before planning, with file, line and column. */
class CompileChecksTest {

    @Test
    void rulesThatDependOnThemselvesAreRecursive() {
        assertThatThrownBy(() -> compile("r.rego", "package t\np if q\nq if { x := 1; p }\n", "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("r.rego:2:1: rego_recursion_error: rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p");
        assertThatThrownBy(() -> compile("f.rego", "package t\nf(x) := f(x - 1) if x > 0\nout := f(3)\n", "t/out"))
                .hasMessage("f.rego:2:1: rego_recursion_error: rule data.t.f is recursive: data.t.f -> data.t.f");
        assertThatThrownBy(() -> compile("d.rego", "package t\nall := data.t\n", "t/all"))
                .hasMessageContaining("rule data.t.all is recursive");
    }

    @Test
    void localVariablesNamedLikeRulesAreNoDependency() {
        assertThatCode(() -> compile("ok.rego", "package t\nq := 1\np if { some q in [1]; q == 1 }\nr if { f(1) }\nf(p) := p\n",
                "t/p")).doesNotThrowAnyException();
    }

    @Test
    void rulesNoEntrypointReachesAreCheckedToo() {
        assertThatThrownBy(() -> compile("u.rego", "package t\np := 1\nunused if { x == 1 }\n", "t/p"))
                .hasMessageMatching("u\\.rego:3:\\d+: var x is unsafe");
        assertThatCode(() -> compile("s.rego", "package t\np := 1\nq if { {input.k: x} = input.o; x }\n", "t/p"))
                .as("not supported yet, but valid Rego").doesNotThrowAnyException();
    }

    @Test
    void aRuleHasOneKindAndAtMostOneDefault() {
        assertThatThrownBy(() -> compile("d.rego", "package t\ndefault p := 1\ndefault p := 2\n", "t/p"))
                .hasMessage("d.rego:3:1: rego_type_error: multiple default rules data.t.p found");
        assertThatThrownBy(() -> compile("k.rego", "package t\np := 1\np contains 2\n", "t/p"))
                .hasMessage("k.rego:3:1: rego_type_error: conflicting rules data.t.p found (defined with different kinds or arities)");
    }

    @Test
    void callsNeedTheirFunctionsArguments() {
        assertThatThrownBy(() -> compile("a.rego", "package t\np if { count([1], 2, 3) }\n", "t/p"))
                .hasMessage("a.rego:2:8: count: wrong number of arguments: got 3, want 1");
        assertThatThrownBy(() -> compile("u.rego", "package t\np if { nosuch(1) }\n", "t/p"))
                .hasMessage("u.rego:2:8: undefined function nosuch");
    }
}
