package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * OPA's value text (what {@code opa_value_dump} writes and {@code opa_value_parse} reads): JSON plus sets,
 * {@code {1,2}} and {@code set()}. Sets become {@link SetNode}s; an object with a key that is not a string
 * becomes a {@link KeyedObjectNode}, which keeps the key.
 */
final class RegoValueText {

    private final ObjectMapper json;
    private final String text;
    private int pos;

    private RegoValueText(ObjectMapper json, String text) {
        this.json = json;
        this.text = text;
    }

    static JsonNode read(ObjectMapper json, String text) {
        RegoValueText reader = new RegoValueText(json, text);
        JsonNode value = reader.value();
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw reader.error("trailing text");
        }
        return value;
    }

    /** Whether JSON would lose something of {@code value}: a set or a non-string key anywhere in it. */
    static boolean needed(JsonNode value) {
        if (value instanceof SetNode || value instanceof KeyedObjectNode) {
            return true;
        }
        for (JsonNode child : value) {
            if (needed(child)) {
                return true;
            }
        }
        return false;
    }

    static String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value instanceof SetNode set && set.isEmpty()) {
            out.append("set()");
        } else if (value.isArray()) {
            out.append(value instanceof SetNode ? '{' : '[');
            String separator = "";
            for (JsonNode element : value) {
                out.append(separator);
                write(element, out);
                separator = ",";
            }
            out.append(value instanceof SetNode ? '}' : ']');
        } else if (value.isObject()) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                out.append(separator);
                write(KeyedObjectNode.keyOf((ObjectNode) value, field.getKey()), out);
                out.append(':');
                write(field.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else {
            out.append(value);
        }
    }

    private JsonNode value() {
        skipSpace();
        if (text.startsWith("set()", pos)) {
            pos += 5;
            return new SetNode(json.getNodeFactory());
        }
        char c = peek();
        if (c == '[') {
            pos++;
            ArrayNode array = json.createArrayNode();
            elements(']', array);
            return array;
        }
        if (c == '{') {
            pos++;
            return setOrObject();
        }
        return scalar();
    }

    private JsonNode setOrObject() {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return json.createObjectNode();
        }
        JsonNode first = value();
        skipSpace();
        if (peek() != ':') {
            SetNode set = new SetNode(json.getNodeFactory());
            set.add(first);
            if (peek() == ',') {
                pos++;
                elements('}', set);
            } else {
                expect('}');
            }
            return set;
        }
        ObjectNode object = json.createObjectNode();
        JsonNode key = first;
        while (true) {
            expect(':');
            if (!key.isTextual() && !(object instanceof KeyedObjectNode)) {
                KeyedObjectNode keyed = new KeyedObjectNode(json.getNodeFactory());
                keyed.setAll(object);
                object = keyed;
            }
            if (object instanceof KeyedObjectNode keyed) {
                keyed.put(key, value());
            } else {
                object.set(key.textValue(), value());
            }
            skipSpace();
            if (peek() == '}') {
                pos++;
                return object;
            }
            expect(',');
            key = value();
            skipSpace();
        }
    }

    private void elements(char close, ArrayNode into) {
        skipSpace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            into.add(value());
            skipSpace();
            if (peek() == close) {
                pos++;
                return;
            }
            expect(',');
        }
    }

    /** A string, number, boolean or null: the JSON token, read by Jackson. */
    private JsonNode scalar() {
        int start = pos;
        if (peek() == '"') {
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            pos++;
        } else {
            while (pos < text.length() && ",:]}".indexOf(text.charAt(pos)) < 0 && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
        try {
            return json.readTree(text.substring(start, Math.min(pos, text.length())));
        } catch (JsonProcessingException e) {
            throw error("not a value");
        }
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("OPA value text, " + problem + " at " + pos + ": " + text);
    }
}
