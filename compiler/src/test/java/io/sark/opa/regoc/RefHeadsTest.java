package io.sark.opa.regoc;

import static io.sark.opa.regoc.ScopingTest.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.rego.RegoVersion;
import org.junit.jupiter.api.Test;

/**
 * Rules with general reference heads ({@code p[q].r := v}, {@code p[q] contains r}) and the rules below them
 * build one object, as OPA's planner builds it (internal/planner/planner.go planRules with planNestedObjects and
 * planDotOr; internal/planner/rules.go groups rules at the shallowest rule path): deeper definitions first, then
 * each value inserted once, so a key two rules define differently is a conflict, never a silent overwrite.
 */
class RefHeadsTest {

    private static String v1(String rego, String entrypoint) {
        return eval(RegoVersion.V1, rego, entrypoint, "{}");
    }

    @Test
    void aGenericRefHeadAndTheRulesBelowItBuildOneObject() {
        String rego = """
                package t
                p[k].v := n if some k, n in {"a": 1, "b": 2}
                p.c.v := 3
                """;
        assertThat(v1(rego, "t/p")).isEqualTo("[{\"result\":{\"a\":{\"v\":1},\"b\":{\"v\":2},\"c\":{\"v\":3}}}]");
    }

    @Test
    void aRuleGivingAnotherValueUnderAKeyAGenericRuleDefinesConflicts() {
        String shallower = """
                package t
                p[k].r.s := 1 if k := "a"
                p.a.r := 2
                """;
        assertThatThrownBy(() -> v1(shallower, "t/p")).hasMessageContaining("object keys must be unique");
        String deeper = """
                package t
                p[k].r := {"s": {"t": 1}} if k := "q"
                p.q.r.s.u := 2
                """;
        assertThatThrownBy(() -> v1(deeper, "t/p")).hasMessageContaining("object keys must be unique");
    }

    @Test
    void aVariableKeyEqualToAConstantKeyWithAnotherValueConflicts() {
        String rego = """
                package t
                p.q.r := 1
                p.q[s] := 2 if s := "r"
                """;
        assertThatThrownBy(() -> v1(rego, "t/p")).hasMessageContaining("object keys must be unique");
    }

    @Test
    void setLeavesUnderGenericRefsCollectTheElementsOfEveryRule() {
        String rego = """
                package t
                p[k].r contains v if {
                    some k in ["a", "b"]
                    some v in ["x"]
                }
                p.b.r contains "y"
                member := p.b.r.y
                """;
        assertThat(v1(rego, "t/p")).isEqualTo("[{\"result\":{\"a\":{\"r\":[\"x\"]},\"b\":{\"r\":[\"x\",\"y\"]}}}]");
        assertThat(v1(rego, "t/member")).isEqualTo("[{\"result\":\"y\"}]");
    }

    @Test
    void aSetRuleBelowAGenericSetRuleIsPartOfItsDocument() {
        String rego = """
                package t
                obj.sub[x][x] contains x if some x in ["one", "two"]
                obj[x][x] contains x if x := "other"
                out := {x | x := obj.sub[_][_][_]}
                """;
        assertThat(v1(rego, "t/out")).isEqualTo("[{\"result\":[\"one\",\"two\"]}]");
    }
}
