package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.BuiltinHalt;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.SetNode;
import org.junit.jupiter.api.Test;

/**
 * {@code internal.template_string} as OPA's builtinTemplateString (v1/topdown/template_string.go) renders its
 * parts through print's builtinPrintCrossProductOperands (v1/topdown/print.go).
 */
class TemplateStringBuiltinTest {

    private static JsonNode call(JsonNode parts) {
        var builtin = Builtins.defaults().find("internal.template_string").orElseThrow();
        assertThat(builtin.seesSets()).isTrue();
        return builtin.call(TestContext.fresh(), parts);
    }

    private static SetNode set(JsonNode... elements) {
        SetNode set = new SetNode(Json.NODES);
        for (JsonNode e : elements) {
            set.add(e);
        }
        return set;
    }

    @Test
    void stringsRenderRawAndOtherScalarsAsRegoText() throws Exception {
        assertThat(call(Json.parse("[\"foo \", 42, \" \", 4.2, \" \", false, \" \", null]")).textValue())
                .isEqualTo("foo 42 4.2 false null");
        assertThat(call(Json.array()).textValue()).isEmpty();
    }

    @Test
    void aSetHoldsOneExpressionsValueOrNoneWhenUndefined() throws Exception {
        var parts = Json.array();
        parts.add(set(Json.parse("[\"a\", \"b\"]"))).add(Json.text(" "));
        parts.add(set(set(Json.number(2), Json.number(1)))).add(Json.text(" "));
        parts.add(set(set())).add(Json.text(" "));
        parts.add(set(Json.parse("{\"d\": \"e\", \"a\": [1]}"))).add(Json.text(" "));
        parts.add(set(Json.text("raw \"text\""))).add(Json.text(" "));
        parts.add(set());
        assertThat(call(parts).textValue())
                .isEqualTo("[\"a\", \"b\"] {1, 2} set() {\"a\": [1], \"d\": \"e\"} raw \"text\" <undefined>");
    }

    @Test
    void severalValuesOrACollectionOutsideASetAreErrors() throws Exception {
        var several = Json.array().add(set(Json.bool(true), Json.bool(false)));
        assertThatThrownBy(() -> call(several)).isInstanceOf(BuiltinHalt.class)
                .hasMessage("eval_conflict_error: template-strings must not produce multiple outputs");
        assertThatThrownBy(() -> call(Json.parse("[[\"foo\"]]"))).isInstanceOf(BuiltinHalt.class)
                .hasMessage("eval_internal_error: illegal argument type: array");
    }
}
