package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An array, set or object literal whose items iterate ({@code ["1", xs[_]]}) is a new value for each solution,
 * as OPA pulls such refs out of the literal into literals of their own before evaluating it (v1/ast/compile.go
 * rewriteDynamicTerms): no solution sees the items of another.
 */
class CollectionLiteralIterationTest {

    @Test
    void eachSolutionBuildsItsOwnCollection() {
        String rego = """
                package t
                xs := ["a", "b"]
                arrays contains v if v := [0, xs[_]]
                sets contains v if v := {xs[_]}
                objects contains v if v := {"k": xs[_]}
                joined := [s | s := concat("-", ["1", xs[_]])]
                out := [arrays, sets, objects, joined]
                """;
        assertThat(eval(rego, "t/out", "{}", "{}")).isEqualTo(
                "[{\"result\":[[[0,\"a\"],[0,\"b\"]],[[\"a\"],[\"b\"]],[{\"k\":\"a\"},{\"k\":\"b\"}],[\"1-a\",\"1-b\"]]}]");
    }
}
