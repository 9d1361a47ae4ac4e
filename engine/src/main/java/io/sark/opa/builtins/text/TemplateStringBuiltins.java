package io.sark.opa.builtins.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.RegoText;
import io.sark.opa.builtins.go.GoTemplate;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinHalt;
import io.sark.opa.engine.SetNode;
import java.util.List;

/**
 * {@code internal.template_string}, what OPA's compiler calls for a template string {@code $"a {x}"}: its operand
 * is the array of parts, text and scalars as they are and every other expression's values in a set. As OPA's
 * builtinTemplateString (v1/topdown/template_string.go, on print's builtinPrintCrossProductOperands): strings
 * render raw, other values as Rego text, an empty set as {@code <undefined>}; a set of several values halts the
 * evaluation with a conflict error, strict builtin errors or not. Also {@code strings.render_template}, OPA's
 * other template builtin.
 */
public final class TemplateStringBuiltins {
    private TemplateStringBuiltins() {}

    public static List<Builtin> all() {
        return List.of(Builtin.seeingSets(Operands.builtin("internal.template_string", 1,
                        (ctx, a) -> Json.text(render(a.array(0))))),
                // Go's text/template on the vars object, as v1/topdown/template.go; see GoTemplate
                Builtin.seeingSets(Operands.builtin("strings.render_template", 2, (ctx, a) -> Json.text(GoTemplate.render(
                        a.string(0), a.object(1))))));
    }

    static String render(JsonNode parts) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : parts) {
            if (part instanceof SetNode set) {
                if (set.size() > 1) {
                    throw new BuiltinHalt("eval_conflict_error", "template-strings must not produce multiple outputs");
                }
                out.append(set.isEmpty() ? "<undefined>" : text(set.get(0)));
            } else if (part.isContainerNode()) {
                throw new BuiltinHalt("eval_internal_error",
                        "illegal argument type: " + (part.isArray() ? "array" : "object"));
            } else {
                out.append(text(part));
            }
        }
        return out.toString();
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : RegoText.of(value);
    }
}
