package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * sprintf gets the policy's values as Rego terms, not as JSON: OPA formats a value that is neither number nor string
 * by its term's String() (v1/topdown/strings.go builtinSprintf), so a set prints with braces, as a test helper's
 * {@code sprintf("got %v", [deny])} shows it.
 */
class SprintfSetsTest {

    @Test
    void aSetInsideSprintfPrintsAsASet() {
        String rego = """
                package t
                deny contains msg if some msg in input.msgs
                out := sprintf("%v %v %v", [deny, {"k": {2, 1}, 3: set()}, [deny]])
                """;
        assertThat(eval(rego, "t/out", "{}", "{\"msgs\": [\"b\", \"a\"]}"))
                .isEqualTo("[{\"result\":\"{\\\"a\\\", \\\"b\\\"} {3: set(), \\\"k\\\": {1, 2}} [{\\\"a\\\", \\\"b\\\"}]\"}]");
    }
}
