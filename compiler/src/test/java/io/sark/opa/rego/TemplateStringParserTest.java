package io.sark.opa.rego;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.rego.Term.TemplateString;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Template strings as OPA 1.x's scanner and parser read them (v1/ast/internal/scanner/scanner.go,
 * scanTemplateString / scanRawTemplateString; v1/ast/parser.go, parseTemplateString).
 */
class TemplateStringParserTest {

    private static TemplateString template(String source) {
        Literal lit = RegoParser.parseQuery("q.rego", "x := " + source, RegoVersion.V1).literals().get(0);
        return (TemplateString) ((Expr.Assign) lit.expr()).right();
    }

    private static List<String> parts(String source) {
        return template(source).parts().stream()
                .map(p -> p instanceof TemplateString.Text t ? "text:" + t.value()
                        : "expr:" + RegoPrinter.literal(((TemplateString.Expression) p).literal()))
                .toList();
    }

    private static String error(String source) {
        return RegoParserTest.error(() -> template(source));
    }

    @Test
    void textAndExpressionsAlternateAndEmptyTextIsLeftOut() {
        assertThat(parts("$\"\"")).isEmpty();
        assertThat(parts("$\"a {x} b {1 + y}\""))
                .containsExactly("text:a ", "expr:x", "text: b ", "expr:(1 + y)");
        assertThat(parts("$\"{x}{y}\"")).containsExactly("expr:x", "expr:y");
    }

    @Test
    void escapedBracesAreTextAndOtherEscapesAreJsonOnes() {
        assertThat(parts("$\"\\{42} \\t\\\"\"")).containsExactly("text:{42} \t\"");
        // test-interpolation.yaml in OPA's v1 cases: \} is a closing brace, before or after an expression
        assertThat(parts("$\"\\{7\\} {x}\\}\"")).containsExactly("text:{7} ", "expr:x", "text:}");
        // `\\` is an escaped backslash, so the brace after it opens an expression
        assertThat(parts("$\"\\\\{x}\"")).containsExactly("text:\\", "expr:x");
        assertThat(parts("$\"}\"")).containsExactly("text:}");
    }

    @Test
    void rawTemplateStringsSpanLinesAndKeepBackslashes() {
        TemplateString raw = template("$`a\\n\n{x}\\{y}`");
        assertThat(raw.raw()).isTrue();
        assertThat(parts("$`a\\n\n{x}\\{y}`")).containsExactly("text:a\\n\n", "expr:x", "text:{y}");
    }

    @Test
    void expressionsMayHoldBracesNestedTemplatesAndWith() {
        assertThat(parts("$\"{ {\"a\": {1}} }\"")).containsExactly("expr:{\"a\": {1}}");
        assertThat(parts("$\"{[v | some v in {1}]}\"")).containsExactly("expr:[v | some v in {1}]");
        assertThat(parts("$\"<{$\"{a}\"}>\"")).containsExactly("text:<", "expr:$\"{a}\"", "text:>");
        assertThat(parts("$\"{a with input as {\"a\": 1}}\""))
                .containsExactly("expr:a with input as {\"a\": 1}");
    }

    @Test
    void anExpressionMustStateAValue() {
        assertThat(error("$\"{x := 1}\"")).endsWith("unexpected assignment (':=') in template-string expression");
        assertThat(error("$\"{x = 1}\"")).endsWith("unexpected unification ('=') in template-string expression");
        assertThat(error("$\"{not x}\"")).endsWith("unexpected negation ('not') in template-string expression");
        assertThat(error("$\"{some x in y}\"")).endsWith("unexpected 'some' in template-string expression");
        assertThat(error("$\"{}\"")).contains("expected a term");
        assertThat(error("$\"{x y}\"")).contains("expected '}' to end the template-string expression");
        assertThat(error("$\"abc")).endsWith("unterminated template string");
        assertThat(error("$\"a\nb\"")).endsWith("unterminated template string");
    }

    @Test
    void printsBackAsATemplateStringThatParsesTheSame() {
        RegoModule m = RegoParser.parseModule("p.rego", "package p\nmsg := $`{input.a}\n\\{lit} {f(1)}`\n");
        String printed = RegoPrinter.print(m);
        assertThat(printed).contains("msg := $\"{input.a}\\n\\{lit} {f(1)}\"");
        assertThat(RegoPrinter.print(RegoParser.parseModule("p.rego", printed))).isEqualTo(printed);
    }
}
