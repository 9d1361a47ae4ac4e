package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code import future.keywords.not} (OPA 1.17; v1/ast/parser.go parseNotBody, and the compiler keeping a negated
 * expression's parts inside the negation): an undefined operand makes {@code not} true, and {@code not { ... }}
 * negates a whole body, whose variables are its own.
 */
class ImprovedNotTest {
    private static final String CLASSIC = """
            package t

            open if not startswith(input.user, "blocked-")
            """;

    private static final String IMPROVED = """
            package t

            import future.keywords.not

            open if not startswith(input.user, "blocked-")

            sum_differs if not input.a + input.b == input.c

            unflagged if not {
            	level := input.levels[_]
            	level > 2
            }
            """;

    @Test
    void anUndefinedOperandLeavesClassicNegationUndefinedButMakesImprovedNegationTrue() {
        assertThat(eval(CLASSIC, "t/open", "{}", "{}")).isEqualTo("[]");
        assertThat(eval(IMPROVED, "t/open", "{}", "{}")).isEqualTo("[{\"result\":true}]");
        assertThat(eval(IMPROVED, "t/open", "{}", "{\"user\": \"blocked-1\"}")).isEqualTo("[]");
        assertThat(eval(IMPROVED, "t/sum_differs", "{}", "{}")).isEqualTo("[{\"result\":true}]");
        assertThat(eval(IMPROVED, "t/sum_differs", "{}", "{\"a\": 1, \"b\": 2, \"c\": 3}")).isEqualTo("[]");
    }

    @Test
    void aNegatedBodyIsTrueWhenTheBodyHasNoSolution() {
        assertThat(eval(IMPROVED, "t/unflagged", "{}", "{\"levels\": [1, 2]}")).isEqualTo("[{\"result\":true}]");
        assertThat(eval(IMPROVED, "t/unflagged", "{}", "{\"levels\": [1, 3]}")).isEqualTo("[]");
        assertThat(eval(IMPROVED, "t/unflagged", "{}", "{}")).isEqualTo("[{\"result\":true}]");
    }
}
