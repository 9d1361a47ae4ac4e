package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Literals run in an order where every variable is bound before it is read, whatever order they are written in,
 * as OPA's compiler reorders them (v1/ast/compile.go checkSafetyRuleBodies, reorderBodyForSafety); a variable no
 * order can bind is an error, "var x is unsafe" (rego_unsafe_var_error). The later bindings here are unifications:
 * a variable declared with {@code :=} after a literal that reads it is another variable for OPA
 * (rewriteDeclaredVarsInBody), not a later binding.
 */
class SafetyOrderTest {

    @Test
    void ruleBodyReadsAVariableBoundFurtherDown() {
        String rego = """
                package t
                p := y if {
                    y := x + 1
                    x = input.n
                }
                """;
        assertThat(eval(rego, "t/p", "{}", "{\"n\":1}")).isEqualTo("[{\"result\":2}]");
    }

    @Test
    void aBuiltinsResultArgumentBindsForLiteralsWrittenBeforeIt() {
        String rego = """
                package t
                p := z if {
                    startswith(z, "AB")
                    upper(input.s, z)
                }
                """;
        assertThat(eval(rego, "t/p", "{}", "{\"s\":\"abc\"}")).isEqualTo("[{\"result\":\"ABC\"}]");
    }

    @Test
    void functionComprehensionAndEveryBodiesAreReorderedToo() {
        String rego = """
                package t
                f(a) := b if {
                    b := c * 2
                    c = a + 1
                }
                tens := [y | y := x * 10; x = input.xs[_]]
                positive if every x in input.xs { y > 0; y = x }
                out := [f(1), tens, positive]
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"xs\":[1,2]}")).isEqualTo("[{\"result\":[4,[10,20],true]}]");
    }

    /**
     * OPA's rewriteComprehensionTerms and rewriteRefsInHead (v1/ast/compile.go) bind a comprehension or rule head
     * term that needs evaluating in a literal appended to the body, so the term's reference binds its index
     * variables for the rest of the body.
     */
    @Test
    void aHeadTermsReferenceBindsItsIndexForTheBody() {
        String rego = """
                package t
                labels := {"app.x/name": "a", "app.x/part": "b", "team": "c"}
                values := [labels[k] | startswith(k, "app.")]
                keys := {k | j = k; labels[j] == "c"}
                upper_by_key := {k: upper(labels[k]) | endswith(k, "part")}
                later contains input.xs[i] if { i > 0 }
                pick(prefix) := labels[k] if { startswith(k, prefix) }
                out := [values, keys, upper_by_key, later, pick("team")]
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"xs\":[\"a\",\"b\",\"c\"]}")).isEqualTo(
                "[{\"result\":[[\"a\",\"b\"],[\"team\"],{\"app.x/part\":\"B\"},[\"b\",\"c\"],\"c\"]}]");
    }

    @Test
    void withValuesAndClosuresWaitForTheVariablesTheyRead() {
        String rego = """
                package t
                default over := false
                over if input.n > 10
                p := [v, c] if {
                    v := over with input.n as m
                    c := count([x | some x in xs; x > lim])
                    m = 100
                    lim = 1
                    xs = input.xs
                }
                """;
        assertThat(eval(rego, "t/p", "{}", "{\"xs\":[1,2,3]}")).isEqualTo("[{\"result\":[true,2]}]");
    }

    /** A comprehension closes over a variable of its body bound further down (by unification), whatever the order. */
    @Test
    void aComprehensionSeesTheEnclosingBindingOfItsVariables() {
        String rego = """
                package t
                p := [xs, x] if {
                    xs := [x | input.xs[_] = x]
                    x = 2
                }
                """;
        assertThat(eval(rego, "t/p", "{}", "{\"xs\":[1,2,3]}")).isEqualTo("[{\"result\":[[2],2]}]");
    }

    @Test
    void aVariableNoOrderBindsIsUnsafe() {
        assertThatThrownBy(() -> RegoCompilerTest.compile("u.rego", "package t\np if {\n  x > y\n}\n", "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: u.rego:3:3: rego_unsafe_var_error: var x is unsafe");
    }

    @Test
    void aNegatedLiteralBindsNothing() {
        assertThatThrownBy(() -> RegoCompilerTest.compile("u.rego", "package t\np if {\n  not input.xs[i]\n}\n", "t/p"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: u.rego:3:16: rego_unsafe_var_error: var i is unsafe");
    }
    /**
     * A variable a comprehension declares ({@code some y in}, {@code some y}) is the comprehension's own, even where
     * the enclosing body binds a variable of that name from the comprehension's result: OPA renames declared
     * variables before its safety check (v1/ast/compile.go rewriteLocalVars), so no cycle arises.
     */
    @Test
    void aVariableDeclaredInAComprehensionIsNotTheEnclosingOne() {
        String rego = """
                package t
                p = y if {
                    ys = [y | some i, y in input.xs; i > 0]
                    zs = {y | some y; y = input.xs[_]}
                    y = [ys, count(zs)]
                }
                """;
        assertThat(eval(rego, "t/p", "{}", "{\"xs\":[5,6,7]}")).isEqualTo("[{\"result\":[[6,7],3]}]");
    }

    /**
     * A call in a comprehension head reads an index that only a later call's reference binds: OPA expands nested
     * calls into expressions of their own before ordering them (v1/ast/compile.go rewriteComprehensionTerms,
     * rewriteExprTerms, expandExprTerm), so the reference iterates first, whatever order the head is written in.
     */
    @Test
    void aNestedCallWaitsForTheIndexALaterCallsReferenceBinds() {
        String rego = """
                package t
                wanted := [["a", "1"], ["b", "2"]]
                fixes := [{"at": sprintf("%d", [count(wanted) + i]), "flag": sprintf("%s=%s", wanted[i])} |
                    not startswith(input.cmd, wanted[i][0])
                ]
                """;
        assertThat(eval(rego, "t/fixes", "{}", "{\"cmd\":\"a --x\"}"))
                .isEqualTo("[{\"result\":[{\"at\":\"3\",\"flag\":\"b=2\"}]}]");
    }
}
