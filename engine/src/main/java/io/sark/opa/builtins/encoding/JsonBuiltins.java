package io.sark.opa.builtins.encoding;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.go.GoJson;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code json.marshal}, {@code json.marshal_with_options}, {@code json.unmarshal}, {@code json.is_valid}. */
public final class JsonBuiltins {
    private JsonBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("json.marshal", 1, (ctx, a) -> Json.text(GoJson.write(a.get(0)))),
                Operands.builtin("json.marshal_with_options", 2, (ctx, a) -> Json.text(marshalWithOptions(a.get(0), a.object(1)))),
                Operands.builtin("json.unmarshal", 1, (ctx, a) -> unmarshal(a.builtin(), a.string(0))),
                Operands.builtin("json.is_valid", 1, (ctx, a) -> Json.bool(a.get(0) != null && a.get(0).isTextual() && isValid(a.get(0).textValue()))));
    }

    static JsonNode unmarshal(String name, String text) {
        try {
            JsonNode node = Json.parse(text);
            if (node == null || node.isMissingNode()) {
                throw new BuiltinException(name + ": unexpected end of JSON input");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BuiltinException(name + ": invalid JSON: " + e.getOriginalMessage());
        }
    }

    static boolean isValid(String text) {
        try {
            JsonNode node = Json.parse(text);
            return node != null && !node.isMissingNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    /**
     * OPA: indent or prefix imply pretty printing unless {@code pretty} is false; the default indent is a tab. Options
     * are read in key order, and their errors are type errors worded as in v1/topdown/encoding.go.
     */
    static String marshalWithOptions(JsonNode value, ObjectNode options) {
        String name = "json.marshal_with_options";
        Boolean pretty = null;
        String indent = null;
        String prefix = null;
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        options.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        int index = 0;
        for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
            JsonNode v = e.getValue();
            String key = Json.text(e.getKey()).toString();
            switch (e.getKey()) {
                case "pretty" -> {
                    if (!v.isBoolean()) {
                        throw new BuiltinTypeException(name + ": operand 2 key " + key + " failed cast to bool");
                    }
                    pretty = v.booleanValue();
                }
                case "indent" -> indent = optionText(name, key, index, v);
                case "prefix" -> prefix = optionText(name, key, index, v);
                default -> throw new BuiltinTypeException(name + ": operand 2 object contained unknown key " + key);
            }
            index++;
        }
        boolean indented = pretty == null ? indent != null || prefix != null : pretty;
        if (!indented) {
            return GoJson.write(value);
        }
        // Go's MarshalIndent leaves the first line unprefixed; OPA prefixes it
        String start = prefix == null ? "" : prefix;
        return start + GoJson.writeIndented(value, start, indent == null ? "\t" : indent);
    }

    /** OPA casts the option with its key's index as the operand number. */
    private static String optionText(String name, String key, int index, JsonNode v) {
        if (!v.isTextual()) {
            throw new BuiltinTypeException(name + ": operand 2 key " + key + " failed cast to string: operand " + index
                    + " must be string but got " + Args.typeName(v));
        }
        return v.textValue();
    }
}
