package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code with} on input, data, functions and builtins: what the expression sees, and what the rest of the body sees. */
class WithModifierTest {

    @Test
    void inputOverrideHoldsForTheExpressionOnlyAndReachesRulesItCalls() {
        String rego = """
                package t
                admin if input.user == "alice"
                out := [a, b, c] if {
                    a := admin with input.user as "alice"
                    b := input.user
                    c := count([1 | admin])
                }
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"user\":\"bob\"}")).isEqualTo("[{\"result\":[true,\"bob\",0]}]");
    }

    @Test
    void dataOverrideReplacesRulesAtItsPathAndDocumentsBelowIt() {
        String rego = """
                package t
                limit := 10
                over := input.n > limit
                out := [x, y, z] if {
                    x := over with data.t.limit as 1
                    y := over
                    z := data.settings with data.settings.mode as "strict"
                }
                """;
        assertThat(eval(rego, "t/out", "{\"settings\":{\"level\":3}}", "{\"n\":5}"))
                .isEqualTo("[{\"result\":[true,false,{\"level\":3,\"mode\":\"strict\"}]}]");
    }

    @Test
    void functionsAndBuiltinsAreReplacedByFunctionsBuiltinsOrValues() {
        String rego = """
                package t
                f(x) := x + 1
                g(x) := x * 10
                calls := [f(1), count([1, 2])]
                out := [a, b, c, d] if {
                    a := calls with f as g
                    b := calls with count as 7
                    c := calls with count as sum
                    d := calls
                }
                """;
        assertThat(eval(rego, "t/out", "{}", "{}")).isEqualTo("[{\"result\":[[10,2],[2,7],[2,3],[2,2]]}]");
    }

    /**
     * A target is resolved like any other name (OPA's resolveRefsInExpr resolves With.Target): an import alias, a
     * rule of this package, or a function given by its full path.
     */
    @Test
    void targetsReachedThroughImportsRulesOfThePackageAndFullPaths() {
        String rego = """
                package t
                import data.cfg.limit as lim
                f(x) := x + 1
                mock(x) := x * 100
                p := 1
                default over := false
                over if input.n > lim
                plus := f(1)
                out := [a, b, c, d] if {
                    a := over with lim as 1
                    b := p with p as 2
                    c := plus with data.t.f as mock
                    d := [over, p, plus]
                }
                """;
        assertThat(eval(rego, "t/out", "{\"cfg\":{\"limit\":10}}", "{\"n\":5}"))
                .isEqualTo("[{\"result\":[true,2,100,[false,1,2]]}]");
    }

    @Test
    void aTargetThatIsNeitherInputNorDataNorAFunctionIsAnError() {
        assertThatThrownBy(() -> RegoCompilerTest.compile("w.rego", "package t\nallow if {\n  input.x with nothing.here as 1\n}\n",
                "t/allow"))
                .isInstanceOf(RegoCompileException.class)
                .hasMessage("1 error occurred: w.rego:3:16: rego_compile_error: with keyword target must reference existing input, data, or a function: nothing.here");
    }

    /**
     * A replacement read from a variable of the body reaches the rules the expression calls, each time with the
     * variable's value there (OPA's topdown plugs the value: v1/test/cases/testdata/v1/withkeyword,
     * test-with-builtin-mock.yaml, "replacement is local variable via scan").
     */
    @Test
    void builtinAndFunctionReplacedByABodyVariableReachCalledRules() {
        String rego = """
                package t
                late if time.now_ns() > 100
                double(x) := x * 2
                big if double(1) > 5
                out := [late_at, big_with] if {
                    late_at := [t | some t in [50, 150]; late with time.now_ns as t]
                    n := 9
                    big_with := big with double as n
                }
                """;
        assertThat(eval(rego, "t/out", "{}", "{}")).isEqualTo("[{\"result\":[[150],true]}]");
    }
}
