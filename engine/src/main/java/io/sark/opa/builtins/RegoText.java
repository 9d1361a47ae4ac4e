package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.go.GoJson;
import io.sark.opa.engine.KeyedObjectNode;
import io.sark.opa.engine.SetNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A value written as OPA prints a Rego term: {@code {"a": 1, "b": [1, 2]}} with sorted keys and
 * {@code ", "} / {@code ": "} separators, sets ({@link SetNode}s) sorted as {@code {1, 2}} or {@code set()}, keys
 * that are not strings ({@link KeyedObjectNode}) as the values they are ({@code {1: "a"}}), numbers as their text.
 */
public final class RegoText {
    private RegoText() {}

    public static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode v, StringBuilder out) {
        if (v instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            fields.sort(Comparator.comparing(f -> KeyedObjectNode.keyOf(object, f), Values.ORDER));
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(KeyedObjectNode.keyOf(object, fields.get(i)), out);
                out.append(": ");
                write(object.get(fields.get(i)), out);
            }
            out.append('}');
        } else if (v instanceof SetNode set) {
            List<JsonNode> elements = new ArrayList<>();
            set.forEach(elements::add);
            elements.sort(Values.ORDER);
            if (elements.isEmpty()) {
                out.append("set()");
                return;
            }
            out.append('{');
            for (int i = 0; i < elements.size(); i++) {
                out.append(i > 0 ? ", " : "");
                write(elements.get(i), out);
            }
            out.append('}');
        } else if (v.isArray()) {
            out.append('[');
            Iterator<JsonNode> it = v.elements();
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                write(it.next(), out);
            }
            out.append(']');
        } else if (v.isNumber()) {
            out.append(GoJson.number(v)); // an ast.Number prints as its text, as json.Number does
        } else {
            out.append(Json.write(v));
        }
    }
}
