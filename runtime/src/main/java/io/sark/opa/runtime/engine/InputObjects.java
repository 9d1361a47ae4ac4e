package io.sark.opa.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.engine.InputPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input given as Java objects, cut down to the parts an entrypoint reads before it is written as JSON, so unread
 * parts are never written. Follows the engine's projection of JSON text ({@code InputProjector}): an object read in
 * part keeps the keys read, an array read in part becomes empty, anything else is kept. Values of other types (POJOs,
 * maps with keys that are not strings) are kept whole: the engine cuts their JSON text instead.
 */
final class InputObjects {

    private InputObjects() {}

    static Object project(Object input, InputPaths.Node reads) {
        if (reads.whole() || input == null) {
            return input;
        }
        if (input instanceof JsonObject object) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, InputPaths.Node> e : reads.children().entrySet()) {
                if (object.containsKey(e.getKey())) {
                    out.put(e.getKey(), project(object.getValue(e.getKey()), e.getValue()));
                }
            }
            return out;
        }
        if (input instanceof Map<?, ?> map) {
            if (!map.keySet().stream().allMatch(String.class::isInstance)) {
                return input;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, InputPaths.Node> e : reads.children().entrySet()) {
                if (map.containsKey(e.getKey())) {
                    out.put(e.getKey(), project(map.get(e.getKey()), e.getValue()));
                }
            }
            return out;
        }
        if (input instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            for (Map.Entry<String, InputPaths.Node> e : reads.children().entrySet()) {
                JsonNode value = object.get(e.getKey());
                if (value != null) {
                    out.set(e.getKey(), (JsonNode) project(value, e.getValue()));
                }
            }
            return out;
        }
        if (input instanceof JsonArray) {
            return new JsonArray();
        }
        if (input instanceof ArrayNode array) {
            return array.arrayNode();
        }
        if (input instanceof Collection<?> || input instanceof Object[]) {
            return List.of();
        }
        return input;
    }
}
