package io.sark.opa.rego;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code [a | b ...]} and {@code {a | b ...}}: a comprehension when its body parses, otherwise, where OPA's parser
 * falls back (v1/ast/parser.go, parseArray, parseSet, parseObject), a collection whose first item is an
 * {@code or} call.
 */
class CollectionOrComprehensionParserTest {

    private static String q(String query) {
        Body b = RegoParser.parseQuery("q.rego", query, RegoVersion.V1);
        return RegoPrinter.literal(b.literals().get(0));
    }

    @Test
    void aSingleTermBeforeThePipeMakesAComprehension() {
        assertThat(q("x := [a | b]")).isEqualTo("x := [a | b]");
        assertThat(q("x := {a | b}")).isEqualTo("x := {a | b}");
        assertThat(q("x := {a: b | c}")).isEqualTo("x := {a: b | c}");
        assertThat(q("x := {a + 1: b | c}")).isEqualTo("x := {(a + 1): b | c}");
    }

    @Test
    void aBodyStoppedByACommaMakesACollection() {
        assertThat(q("x := [a | b, c]")).isEqualTo("x := [(a | b), c]");
        assertThat(q("x := {a | b, c}")).isEqualTo("x := {(a | b), c}");
        assertThat(q("x := {\"k\": a | b, \"l\": c}")).isEqualTo("x := {\"k\": (a | b), \"l\": c}");
        assertThat(q("x := [a + 1 | b]")).isEqualTo("x := [((a + 1) | b)]");
    }

    @Test
    void aLeadingCommaRulesTheComprehensionOut() {
        assertThat(q("x := [, a | b]")).isEqualTo("x := [(a | b)]");
        assertThat(q("x := {, a | b}")).isEqualTo("x := {(a | b)}");
        assertThat(q("x := [, 1, 2]")).isEqualTo("x := [1, 2]");
    }

    @Test
    void otherBrokenBodiesStayErrors() {
        assertThat(RegoParserTest.error(() -> q("x := [a | b c]"))).contains("expected ']' but found 'c'");
    }

    /** v1/ast/parser.go parseRules: after {@code if}, a literal opening with a brace is the body, unless a set. */
    @Test
    void afterIfABraceOpensALiteralUnlessItIsASetLiteral() {
        RegoModule m = RegoParser.parseModule("b.rego", """
                package b
                f(v) := 2 if {k: n | k := ["a", "b"][n]}
                g if {"k": 1}
                h if { input.x }
                j if { input.x == 1 }
                k := 1 if { a := 2; a > 1 }
                m if {}
                """, RegoVersion.V1);
        assertThat(m.rules()).extracting(RegoPrinter::rule).containsExactly(
                "f(v) := 2 if { {k: n | k := [\"a\", \"b\"][n]} }",
                "g = true if { {\"k\": 1} }",
                "h = true if { input.x }",
                "j = true if { (input.x == 1) }",
                "k := 1 if { a := 2; (a > 1) }",
                "m = true if { {} }");
    }

    /**
     * After {@code if}, OPA's parser first reads one literal (v1/ast/parser.go parseRules): a comprehension there is
     * the whole body; a set literal, or braces holding no single literal, are a {@code { BODY }}.
     */
    @Test
    void aComprehensionAfterIfIsTheRuleBody() {
        String rego = """
                package t
                a if { x | some x in input.xs }
                b if { k: 1 | some k in input.xs }
                c if { input.x }
                d if { y := 1; y > 0 }
                """;
        RegoModule m = RegoParser.parseModule("t.rego", rego, RegoVersion.V1);
        assertThat(m.rules()).extracting(r -> RegoPrinter.literal(r.body().literals().get(0)))
                .containsExactly("{x | some x in input.xs}", "{k: 1 | some k in input.xs}", "input.x", "y := 1");
    }
}
