package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.rego.RegoVersion;
import org.junit.jupiter.api.Test;

/**
 * The operands of a negated expression are evaluated before the negation, as OPA's compiler rewrites them
 * (v1/ast/compile.go rewriteDynamics, "dynamic terms (i.e., refs and comprehensions) are bound to vars earlier
 * in the query"; OPA's own plan for {@code not json.patch(t.doc, ...)} reads {@code t.doc} before its
 * {@code NotStmt}): an undefined operand makes the whole literal undefined, it does not make {@code not} true.
 */
class NegatedOperandsTest {

    @Test
    void anUndefinedReferenceOperandMakesTheNegatedCallUndefined() {
        String policy = """
                package p
                import rego.v1
                accept("any", _, _)
                violation contains "denied" if {
                  params := input.params
                  not accept(params.rule, 1, params.ranges)
                }
                """;
        // params.ranges is undefined: OPA evaluates it before `not`, so no violation
        assertThat(eval(policy, "p/violation", "{\"params\": {\"rule\": \"none\"}}")).isEqualTo("[{\"result\":[]}]");
        // with every operand defined, the negation decides
        assertThat(eval(policy, "p/violation", "{\"params\": {\"rule\": \"none\", \"ranges\": []}}"))
                .isEqualTo("[{\"result\":[\"denied\"]}]");
        assertThat(eval(policy, "p/violation", "{\"params\": {\"rule\": \"any\", \"ranges\": []}}"))
                .isEqualTo("[{\"result\":[]}]");
    }

    @Test
    void operandsOfOperatorsAndNestedCallsAreBoundFirstButEqualityIsUnification() {
        String policy = """
                package p
                import rego.v1
                missing_is_not_one if not input.missing > 1
                upper_is_not_x if not upper(input.missing) == "X"
                equality_stays_negated if not input.missing == true
                term_is_not_true if not input.flags[input.missing]
                plain_ref_is_not_true if not input.missing
                """;
        assertThat(eval(policy, "p/missing_is_not_one", "{}")).isEqualTo("[]");
        assertThat(eval(policy, "p/upper_is_not_x", "{}")).isEqualTo("[]");
        assertThat(eval(policy, "p/term_is_not_true", "{\"flags\": {}}")).isEqualTo("[]");
        // == is unification to OPA (rewriteEquals), so the reference stays inside the negation
        assertThat(eval(policy, "p/equality_stays_negated", "{}")).isEqualTo("[{\"result\":true}]");
        // a lone reference is the negated term itself, not an operand: undefined makes `not` true
        assertThat(eval(policy, "p/plain_ref_is_not_true", "{}")).isEqualTo("[{\"result\":true}]");
        assertThat(eval(policy, "p/missing_is_not_one", "{\"missing\": 1}")).isEqualTo("[{\"result\":true}]");
    }

    private static String eval(String rego, String entrypoint, String input) {
        return ScopingTest.eval(RegoVersion.V1, rego, entrypoint, input);
    }
}
