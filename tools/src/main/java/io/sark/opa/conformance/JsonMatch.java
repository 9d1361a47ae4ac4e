package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Equality of JSON values as OPA values: numbers by value, objects by keys; arrays optionally as multisets. */
final class JsonMatch {
    private JsonMatch() {}

    /** {@code unordered}: arrays at every depth compare as multisets (they came from sets). */
    static boolean equal(JsonNode a, JsonNode b, boolean unordered) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            if (!unordered) {
                for (int i = 0; i < a.size(); i++) {
                    if (!equal(a.get(i), b.get(i), false)) {
                        return false;
                    }
                }
                return true;
            }
            return sameElements(a, b, true);
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!equal(e.getValue(), b.get(e.getKey()), unordered)) {
                    return false;
                }
            }
            return true;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /** Arrays with the same elements in any order, elements compared with {@code unordered}. */
    static boolean sameElements(JsonNode a, JsonNode b, boolean unordered) {
        if (a.size() != b.size()) {
            return false;
        }
        List<JsonNode> rest = new ArrayList<>();
        b.forEach(rest::add);
        for (JsonNode x : a) {
            boolean found = false;
            for (int i = 0; i < rest.size(); i++) {
                if (equal(x, rest.get(i), unordered)) {
                    rest.remove(i);
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
