package io.sark.opa.rego;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which keywords a v0 file has after its imports, as OPA's parser decides (v1/ast/parser.go, futureImport and
 * regoV1Import; v1/ast/internal/scanner/scanner.go, AddKeyword: importing {@code every} brings {@code in}).
 */
class KeywordImportsParserTest {

    private static RegoModule v0(String text) {
        return RegoParser.parseModule("policy.rego", text, RegoVersion.V0);
    }

    private static String rules(String text) {
        RegoModule m = v0(text);
        return String.join("\n", m.rules().stream().map(RegoPrinter::rule).toList());
    }

    private static String error(String text) {
        return RegoParserTest.error(() -> v0(text));
    }

    @Test
    void eachFutureKeywordImportTurnsOnItsKeywordOnly() {
        assertThat(rules("package p\nimport future.keywords.in\np { 1 in [1] }\n"))
                .isEqualTo("p = true if { (1 in [1]) }");
        assertThat(rules("package p\nimport future.keywords.if\np if { true }\n")).isEqualTo("p = true if { true }");
        assertThat(rules("package p\nimport future.keywords.contains\np contains 1 { true }\n"))
                .isEqualTo("p contains 1 if { true }");
        // `if` was not imported: a name
        assertThat(rules("package p\nimport future.keywords.in\np { if := 1; if in [1] }\n"))
                .isEqualTo("p = true if { if := 1; (if in [1]) }");
        // `in` was not imported: a name
        assertThat(rules("package p\nimport future.keywords.if\np if { in := 1; in == 1 }\n"))
                .isEqualTo("p = true if { in := 1; (in == 1) }");
    }

    @Test
    void everyBringsIn() {
        assertThat(rules("package p\nimport future.keywords.every\np { every x in [1] { x > 0 }; 1 in [1] }\n"))
                .isEqualTo("p = true if { every x in [1] { (x > 0) }; (1 in [1]) }");
    }

    @Test
    void futureKeywordsAndRegoV1TurnOnAll() {
        String body = "p contains x if { some x in [1]; every y in [x] { y > 0 } }\n";
        assertThat(rules("package p\nimport future.keywords\n" + body))
                .isEqualTo("p contains x if { some x in [1]; every y in [x] { (y > 0) } }");
        RegoModule v1 = v0("package p\nimport rego.v1\n" + body);
        assertThat(v1.version()).isEqualTo(RegoVersion.V1);
        // rego.v1 asks for v1 syntax: a body needs `if`
        assertThat(error("package p\nimport rego.v1\nq { true }\n")).contains("'if'");
    }

    @Test
    void badKeywordImportsAreErrors() {
        assertThat(error("package p\nimport future.keywords.foo\n"))
                .endsWith("unexpected keyword, must be one of [contains, every, if, in]");
        assertThat(error("package p\nimport future.foo\n")).endsWith("invalid import, must be `future.keywords`");
        assertThat(error("package p\nimport future.keywords as fk\n")).endsWith("`future` imports cannot be aliased");
        assertThat(error("package p\nimport rego.v2\n")).endsWith("invalid import `rego.v2`, must be `rego.v1`");
        assertThat(error("package p\nimport rego.v1 as r\n")).endsWith("`rego` imports cannot be aliased");
        assertThat(error("package p\nimport data.foo.with\n"))
                .contains("unexpected import path, must not end with a keyword, got: with");
        assertThat(v0("package p\nimport data.foo.with as w\n").imports().get(0).alias()).isEqualTo("w");
        assertThat(error("package p\nimport data.foo as not\n"))
                .endsWith("unexpected import alias, must not be a keyword, got: not");
    }
}
