package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

/**
 * {@code strings.render_template} as OPA's renderTemplate (v1/topdown/template.go): Go's text/template
 * (https://pkg.go.dev/text/template) executed on the vars decoded from JSON into {@code map[string]any}, with the
 * default missingkey option, and every {@code <no value>} of the output replaced by {@code <undefined>}.
 */
class RenderTemplateTest {

    private static String render(String template, String vars) {
        return Calls.text("strings.render_template", Json.write(Json.text(template)), vars);
    }

    @Test
    void fieldChainsPrintAsGoFmtPrintsDecodedJson() {
        String vars = "{\"s\": \"hi\", \"n\": 2023, \"f\": 1.5, \"b\": true, \"a\": [\"x\", 1, null, {\"k\": \"v\"}],"
                + " \"o\": {\"z\": 1, \"a\": [true]}, \"nil\": null}";
        assertThat(render("{{.s}} {{.n}} {{.f}} {{.b}} {{.a}} {{.o}} {{.o.a}}", vars))
                .isEqualTo("hi 2023 1.5 true [x 1 <nil> map[k:v]] map[a:[true] z:1] [true]");
        assertThat(render("{{.}}", "{\"b\": 1, \"a\": \"x\"}")).isEqualTo("map[a:x b:1]");
    }

    @Test
    void missingKeysAndNullPrintAsUndefined() {
        assertThat(render("{{.none}} {{.none.deeper}} {{.nil}}", "{\"nil\": null}"))
                .isEqualTo("<undefined> <undefined> <undefined>");
        // OPA replaces Go's "<no value>" wherever it appears in the output, text included.
        assertThat(render("<no value>", "{}")).isEqualTo("<undefined>");
    }

    @Test
    void rangeOverArraysAndOverObjectsInKeyOrder() {
        assertThat(render("{{range $i, $n := .names}}{{if $i}},{{end}}hello {{$n}}{{end}}",
                "{\"names\": [\"rohan\", \"john doe\"]}")).isEqualTo("hello rohan,hello john doe");
        assertThat(render("{{range $k, $v := .o}}{{$k}}={{$v}};{{end}}", "{\"o\": {\"b\": 2, \"a\": 1}}"))
                .isEqualTo("a=1;b=2;");
        assertThat(render("{{range .o}}<{{.}}>{{end}}", "{\"o\": {\"b\": 2, \"a\": 1}}")).isEqualTo("<1><2>");
        assertThat(render("{{range $v := .xs}}{{$v.n}}{{$.sep}}{{end}}", "{\"xs\": [{\"n\": 1}, {\"n\": 2}], \"sep\": \"-\"}"))
                .isEqualTo("1-2-");
        assertThat(render("{{range .xs}}x{{else}}empty{{end}}|{{range .none}}x{{else}}none{{end}}", "{\"xs\": []}"))
                .isEqualTo("empty|none");
    }

    @Test
    void ifFollowsGoTruthWhereJsonNumbersAreNonEmptyStrings() {
        String t = "{{if .v}}T{{else}}F{{end}}";
        assertThat(render(t, "{\"v\": false}")).isEqualTo("F");
        assertThat(render(t, "{\"v\": \"\"}")).isEqualTo("F");
        assertThat(render(t, "{\"v\": []}")).isEqualTo("F");
        assertThat(render(t, "{\"v\": {}}")).isEqualTo("F");
        assertThat(render(t, "{\"v\": null}")).isEqualTo("F");
        assertThat(render(t, "{}")).isEqualTo("F");
        assertThat(render(t, "{\"v\": 0}")).isEqualTo("T"); // a json.Number "0" is a non-empty string
        assertThat(render(t, "{\"v\": [0]}")).isEqualTo("T");
        assertThat(render("{{if .a}}A{{else if .b}}B{{else}}C{{end}}", "{\"b\": true}")).isEqualTo("B");
        assertThat(render("{{$x := .a}}{{if $x}}{{$x}}{{end}}", "{\"a\": \"y\"}")).isEqualTo("y");
    }

    @Test
    void trimMarkersEatAdjacentWhitespaceAndCommentsPrintNothing() {
        assertThat(render("a  \n {{- .x -}} \n  b {{/* note */}}c{{- /* note */ -}}  d", "{\"x\": 1}"))
                .isEqualTo("a1b cd");
    }

    @Test
    void unsupportedActionsAreErrorsNotDifferentOutput() {
        for (String action : new String[] {"{{.a | printf \"%d\"}}", "{{len .a}}", "{{with .a}}x{{end}}",
                "{{define \"t\"}}x{{end}}", "{{template \"t\"}}", "{{\"lit\"}}", "{{eq .a 1}}", "{{1}}",
                "{{range .a}}{{break}}{{end}}", "{{$x = .a}}"}) {
            assertThatThrownBy(() -> render(action, "{\"a\": [1]}")).as(action).isInstanceOf(BuiltinException.class)
                    .hasMessageStartingWith("strings.render_template: template action {{")
                    .hasMessageEndingWith("is not supported");
        }
    }

    @Test
    void malformedTemplatesAndBadFieldsAreErrors() {
        assertThatThrownBy(() -> render("{{.a", "{}")).hasMessage("strings.render_template: template: template:1: unclosed action");
        assertThatThrownBy(() -> render("{{end}}", "{}"))
                .hasMessage("strings.render_template: template: template:1: unexpected {{end}}");
        assertThatThrownBy(() -> render("x\n{{if .a}}", "{}"))
                .hasMessage("strings.render_template: template: template:2: unexpected EOF");
        assertThatThrownBy(() -> render("{{$y}}", "{}")).hasMessageContaining("undefined variable \"$y\"");
        assertThatThrownBy(() -> render("{{.s.x}}", "{\"s\": \"str\"}"))
                .hasMessageContaining("can't evaluate field x in type interface {}");
        assertThatThrownBy(() -> render("{{.n.x}}", "{\"n\": null}"))
                .hasMessageContaining("nil pointer evaluating interface {}.x");
        assertThatThrownBy(() -> render("{{range .s}}{{end}}", "{\"s\": \"str\"}"))
                .hasMessageContaining("range can't iterate over str");
    }

    @Test
    void operandsAreTypeChecked() {
        assertThatThrownBy(() -> Calls.call("strings.render_template", "1", "{}"))
                .hasMessage("strings.render_template: operand 1 must be string but got number");
        assertThatThrownBy(() -> Calls.call("strings.render_template", "\"x\"", "[]"))
                .hasMessage("strings.render_template: operand 2 must be object but got array");
    }
}
