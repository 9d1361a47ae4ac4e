package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** OPA's total order and equality over JSON values (numbers by value, object keys sorted). */
public final class Values {
    private Values() {}

    public static final Comparator<JsonNode> ORDER = Values::compare;

    private static int rank(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return 0;
        }
        if (v.isBoolean()) {
            return 1;
        }
        if (v.isNumber()) {
            return 2;
        }
        if (v.isTextual()) {
            return 3;
        }
        if (v.isArray()) {
            return 4;
        }
        return 6;
    }

    public static int compare(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return 0;
            case 1:
                return Boolean.compare(a.booleanValue(), b.booleanValue());
            case 2:
                return a.decimalValue().compareTo(b.decimalValue());
            case 3:
                return a.textValue().compareTo(b.textValue());
            case 4: {
                int n = Math.min(a.size(), b.size());
                for (int i = 0; i < n; i++) {
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            }
            default: {
                Iterator<Map.Entry<String, JsonNode>> ia = sortedFields(a).entrySet().iterator();
                Iterator<Map.Entry<String, JsonNode>> ib = sortedFields(b).entrySet().iterator();
                while (ia.hasNext() && ib.hasNext()) {
                    Map.Entry<String, JsonNode> ea = ia.next();
                    Map.Entry<String, JsonNode> eb = ib.next();
                    int c = ea.getKey().compareTo(eb.getKey());
                    if (c != 0) {
                        return c;
                    }
                    c = compare(ea.getValue(), eb.getValue());
                    if (c != 0) {
                        return c;
                    }
                }
                return Boolean.compare(ia.hasNext(), ib.hasNext());
            }
        }
    }

    private static TreeMap<String, JsonNode> sortedFields(JsonNode o) {
        TreeMap<String, JsonNode> m = new TreeMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    public static boolean equal(JsonNode a, JsonNode b) {
        return compare(a, b) == 0;
    }

    /** Whether any element of the array or set equals {@code element}. */
    public static boolean contains(JsonNode collection, JsonNode element) {
        for (JsonNode candidate : collection) {
            if (equal(candidate, element)) {
                return true;
            }
        }
        return false;
    }

    /** A set result: distinct elements in OPA's order, as the array the ABI's JSON carries. */
    public static ArrayNode set(Collection<? extends JsonNode> elements) {
        List<JsonNode> sorted = new ArrayList<>(elements);
        sorted.sort(ORDER);
        ArrayNode out = Json.array();
        JsonNode previous = null;
        for (JsonNode e : sorted) {
            if (previous == null || compare(previous, e) != 0) {
                out.add(e);
            }
            previous = e;
        }
        return out;
    }
}
