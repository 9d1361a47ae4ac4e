package io.sark.opa.rego;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Keywords as names in refs, as OPA 1.x's parser allows them (v1/ast/parser.go: parseRef takes any keyword after
 * a dot; isIdentOrAllowedRefKeyword the first name of a package or import path; scanAheadRef a keyword directly
 * followed by {@code .} or {@code [} where a rule or a literal begins, and after a term).
 */
class KeywordRefsParserTest {

    private static RegoModule v1(String text) {
        return RegoParser.parseModule("policy.rego", text);
    }

    @Test
    void anyKeywordFollowsADot() {
        RegoModule m = v1("package foo.else.bar\nimport data.x.with.y\np if input.if.not == data.in.package\n");
        assertThat(RegoPrinter.term(m.pkg().path())).isEqualTo("foo.else.bar");
        assertThat(RegoPrinter.term(m.imports().get(0).path())).isEqualTo("data.x.with.y");
        assertThat(RegoPrinter.rule(m.rules().get(0))).isEqualTo("p = true if { (input.if.not == data.in.package) }");
    }

    @Test
    void aPackageOrImportPathMayBeginWithAKeyword() {
        assertThat(RegoPrinter.term(v1("package default.x\n").pkg().path())).isEqualTo("default.x");
        assertThat(RegoPrinter.term(v1("package if\n").pkg().path())).isEqualTo("if");
    }

    @Test
    void rulesAndLiteralsMayBeginWithAKeywordBeforeADotOrBracket() {
        RegoModule m = v1("""
                package test
                p if {
                  not.foo == 1
                  some.x[0]
                  every.y
                  with.z == 2
                }
                as.foo := 1
                default default.bar := 2
                default.bar := 3 if input.x
                if.s contains "a"
                if.s contains "b" if true
                else.f(x) := x
                """);
        assertThat(m.rules()).extracting(RegoPrinter::rule).containsExactly(
                "p = true if { (not.foo == 1); some.x[0]; every.y; (with.z == 2) }",
                "as.foo := 1 if { true }",
                "default default.bar := 2",
                "default.bar := 3 if { input.x }",
                "if.s contains \"a\" if { true }",
                "if.s contains \"b\" if { true }",
                "else.f(x) := x if { true }");
    }

    @Test
    void aKeywordRefAfterARuleOrLiteralBeginsTheNext() {
        RegoModule m = v1("""
                package test
                x := 1 if { input.a } else := 2
                else.y := 3
                z if {
                  input.b
                  with.c
                }
                """);
        assertThat(m.rules()).extracting(RegoPrinter::rule).containsExactly(
                "x := 1 if { input.a } else := 2 if { true }",
                "else.y := 3 if { true }",
                "z = true if { input.b; with.c }");
    }

    @Test
    void withoutADotOrBracketKeywordsStayKeywords() {
        RegoModule m = v1("package test\np if { not q; x := 1 in [1] }\n");
        assertThat(RegoPrinter.rule(m.rules().get(0))).isEqualTo("p = true if { not q; x := (1 in [1]) }");
    }
}
