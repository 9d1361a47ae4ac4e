package io.sark.opa.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A Rego object with keys that are not strings ({@code {1: "a"}}), among the values of a builtin that declares
 * {@link Builtin#seesSets()}. A JSON object only has string keys, so each such key is a field named by its
 * value text, and the key itself is kept here: {@link #keyOf} gives it back, and it returns to the policy as the
 * value it was. (OPA's JSON, which other builtins receive, turns such keys into strings.)
 */
public final class KeyedObjectNode extends ObjectNode {

    private final Map<String, JsonNode> keys = new HashMap<>();

    public KeyedObjectNode(JsonNodeFactory factory) {
        super(factory);
    }

    /** Sets the field for a key of any type. */
    public void put(JsonNode key, JsonNode value) {
        String field = key.isTextual() ? key.textValue() : key.toString();
        if (key.isTextual()) {
            keys.remove(field);
        } else {
            keys.put(field, key);
        }
        set(field, value);
    }

    /** The Rego key behind {@code field} of {@code object}: a string unless a {@code KeyedObjectNode} says otherwise. */
    public static JsonNode keyOf(ObjectNode object, String field) {
        JsonNode key = object instanceof KeyedObjectNode keyed ? keyed.keys.get(field) : null;
        return key != null ? key : TextNode.valueOf(field);
    }

    @Override
    public KeyedObjectNode deepCopy() {
        KeyedObjectNode copy = new KeyedObjectNode(_nodeFactory);
        properties().forEach(field -> copy.put(keyOf(this, field.getKey()).deepCopy(), field.getValue().deepCopy()));
        return copy;
    }
}
