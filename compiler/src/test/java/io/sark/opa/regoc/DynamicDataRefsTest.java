package io.sark.opa.regoc;

import static io.sark.opa.regoc.ScopingTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.rego.RegoVersion;
import org.junit.jupiter.api.Test;

/**
 * A reference into {@code data} with a dynamic key reads the base documents and the rules it can reach, and
 * only those: OPA's compiler finds a rule's dependencies with GetRulesDynamic (v1/ast/compile.go), where a
 * variable key reaches every name and a constant key only its own, so {@code out := data[ns].x} in package
 * {@code t} reads {@code data.t.x} but not itself.
 */
class DynamicDataRefsTest {
    private static final String REGO = """
            package t
            x := 1
            out := data[input.ns].x
            numeric := data[2]
            """;

    @Test
    void aDynamicKeyReachesRulesAndBaseDocumentsButNotTheRuleUsingIt() {
        String data = "{\"base\": {\"x\": 3}}";
        assertThat(eval(RegoVersion.V1, REGO, "t/out", "{\"ns\": \"t\"}", data)).isEqualTo("[{\"result\":1}]");
        assertThat(eval(RegoVersion.V1, REGO, "t/out", "{\"ns\": \"base\"}", data)).isEqualTo("[{\"result\":3}]");
    }

    @Test
    void aNumericKeyNamesNoDocument() {
        assertThat(eval(RegoVersion.V1, REGO, "t/numeric", "{}", "{}")).isEqualTo("[]");
    }
}
