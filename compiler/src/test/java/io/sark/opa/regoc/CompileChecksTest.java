package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.compile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The compile errors OPA reports before planning, with file, line and column. */
class CompileChecksTest {

    @Test
    void rulesThatDependOnThemselvesAreRecursive() {
        assertThatThrownBy(() -> compile("r.rego", "package t\np if q\nq if { x := 1; p }\n", "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("2 errors occurred:\n"
                        + "r.rego:2:1: rego_recursion_error: rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p\n"
                        + "r.rego:3:1: rego_recursion_error: rule data.t.q is recursive: data.t.q -> data.t.p -> data.t.q");
        assertThatThrownBy(() -> compile("f.rego", "package t\nf(x) := f(x - 1) if x > 0\nout := f(3)\n", "t/out"))
                .hasMessage("1 error occurred: f.rego:2:1: rego_recursion_error: rule data.t.f is recursive: data.t.f -> data.t.f");
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
                .hasMessageMatching("1 error occurred: u\\.rego:3:\\d+: rego_unsafe_var_error: var x is unsafe");
        assertThatCode(() -> compile("s.rego", "package t\np := 1\nq if { {input.k: x} = input.o; x }\n", "t/p"))
                .as("not supported yet, but valid Rego").doesNotThrowAnyException();
    }

    @Test
    void aRuleHasOneKindAndAtMostOneDefault() {
        assertThatThrownBy(() -> compile("d.rego", "package t\ndefault p := 1\ndefault p := 2\n", "t/p"))
                .hasMessage("1 error occurred: d.rego:3:1: rego_type_error: multiple default rules data.t.p found");
        assertThatThrownBy(() -> compile("k.rego", "package t\np := 1\np contains 2\n", "t/p"))
                .hasMessage("1 error occurred: k.rego:3:1: rego_type_error: conflicting rules data.t.p found (defined with different kinds or arities)");
    }

    @Test
    void callsNeedTheirFunctionsArguments() {
        assertThatThrownBy(() -> compile("a.rego", "package t\np if { count([1], 2, 3) }\n", "t/p"))
                .hasMessage("1 error occurred: a.rego:2:8: rego_type_error: count: wrong number of arguments: got 3, want 1");
        assertThatThrownBy(() -> compile("u.rego", "package t\np if { nosuch(1) }\n", "t/p"))
                .hasMessage("1 error occurred: u.rego:2:8: rego_type_error: undefined function nosuch");
    }

    @Test
    void everyRuleWithAnErrorIsReportedAndTheListIsCappedAsOpaCapsIt() {
        StringBuilder rego = new StringBuilder("package t\np := 1\n");
        for (int i = 0; i < 12; i++) {
            rego.append("r").append(i).append(" if { x").append(i).append(" == 1 }\n");
        }
        assertThatThrownBy(() -> compile("many.rego", rego.toString(), "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .satisfies(e -> assertThat(((RegoCompileException) e).errors()).hasSize(RegoCompileException.MAX_ERRORS + 1)
                        .last().hasToString("rego_compile_error: error limit reached"))
                .hasMessageStartingWith("11 errors occurred:\nmany.rego:3:9: rego_unsafe_var_error: var x0 is unsafe\n"
                        + "many.rego:4:9: rego_unsafe_var_error: var x1 is unsafe\n");
    }

    @Test
    void eachRecursiveRuleIsReported() {
        assertThatThrownBy(() -> compile("r.rego", "package t\np if q\nq if p\na if b\nb if a\n", "t/p"))
                .hasMessage("4 errors occurred:\n"
                        + "r.rego:2:1: rego_recursion_error: rule data.t.p is recursive: data.t.p -> data.t.q -> data.t.p\n"
                        + "r.rego:3:1: rego_recursion_error: rule data.t.q is recursive: data.t.q -> data.t.p -> data.t.q\n"
                        + "r.rego:4:1: rego_recursion_error: rule data.t.a is recursive: data.t.a -> data.t.b -> data.t.a\n"
                        + "r.rego:5:1: rego_recursion_error: rule data.t.b is recursive: data.t.b -> data.t.a -> data.t.b");
    }
    /**
     * A declared variable is new to its body (v1/ast/compile.go rewriteDeclaredVar): not read, assigned,
     * declared or an argument there before; a comprehension's body is a new one. {@code :=} assigns only to
     * variables, arrays and object values of them.
     */
    @Test
    void declaredVariablesAreNewToTheirBody() {
        assertThatThrownBy(() -> compile("a.rego", "package t\np if { v := 1; v := 2 }\n", "t/p"))
                .hasMessage("1 error occurred: a.rego:2:16: rego_compile_error: var v assigned above");
        assertThatThrownBy(() -> compile("r.rego", "package t\np if { v = 0; some v in [1] }\n", "t/p"))
                .hasMessage("1 error occurred: r.rego:2:20: rego_compile_error: var v referenced above");
        assertThatThrownBy(() -> compile("d.rego", "package t\np if { some v; v := 1 }\n", "t/p"))
                .hasMessage("1 error occurred: d.rego:2:16: rego_compile_error: var v declared above");
        assertThatThrownBy(() -> compile("f.rego", "package t\nf(x) := 1 if { x := 2 }\n", "t/f"))
                .hasMessage("1 error occurred: f.rego:2:16: rego_compile_error: arg x redeclared");
        assertThatThrownBy(() -> compile("n.rego", "package t\np if { 1 := v; v = 1 }\n", "t/p"))
                .hasMessage("1 error occurred: n.rego:2:8: rego_compile_error: cannot assign to number");
        assertThatCode(() -> compile("ok.rego", """
                package t
                x := 10
                p if { x := 5; ys := [x | some x in [1]]; zs := [1 | x := 2]; [a, {"k": b}] := [1, {"k": 2}]; a < b }
                """, "t/p")).doesNotThrowAnyException();
    }
}
