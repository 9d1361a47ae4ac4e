package io.sark.opa.builtins.values;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.SetNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code object.*} and {@code array.*}: pure functions over JSON objects and arrays. */
public final class ObjectBuiltins {
    private ObjectBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("object.get", 3, (ctx, a) -> get(a.object(0), a.get(1), a.get(2))),
                Operands.setBuiltin("object.keys", 1, (ctx, a) -> {
                    List<JsonNode> keys = new ArrayList<>();
                    a.object(0).fieldNames().forEachRemaining(k -> keys.add(Json.text(k)));
                    return Values.set(keys);
                }),
                Operands.builtin("object.remove", 2, (ctx, a) -> {
                    ObjectNode o = a.object(0);
                    Set<String> keys = keys(a.builtin(), a.get(1));
                    ObjectNode out = Json.object();
                    o.fields().forEachRemaining(e -> {
                        if (!keys.contains(e.getKey())) {
                            out.set(e.getKey(), e.getValue());
                        }
                    });
                    return out;
                }),
                Operands.builtin("object.filter", 2, (ctx, a) -> {
                    ObjectNode o = a.object(0);
                    Set<String> keys = keys(a.builtin(), a.get(1));
                    ObjectNode out = Json.object();
                    o.fields().forEachRemaining(e -> {
                        if (keys.contains(e.getKey())) {
                            out.set(e.getKey(), e.getValue());
                        }
                    });
                    return out;
                }),
                Operands.builtin("object.union", 2, (ctx, a) -> union(a.object(0), a.object(1))),
                Operands.builtin("object.union_n", 1, (ctx, a) -> {
                    ArrayNode list = a.array(0);
                    JsonNode out = Json.object();
                    for (JsonNode o : list) {
                        if (!o.isObject()) {
                            throw new BuiltinTypeException("object.union_n: operand 1 must be array of objects but got array containing " + Args.typeName(o));
                        }
                        out = union(out, o);
                    }
                    return out;
                }),
                Builtin.seeingSets(Operands.builtin("object.subset", 2, (ctx, a) -> Json.bool(subset(a.get(0), a.get(1))))),
                Operands.builtin("array.concat", 2, (ctx, a) -> {
                    ArrayNode out = Json.array();
                    out.addAll(a.array(0));
                    out.addAll(a.array(1));
                    return out;
                }),
                Operands.builtin("array.reverse", 1, (ctx, a) -> {
                    ArrayNode in = a.array(0);
                    ArrayNode out = Json.array();
                    for (int i = in.size() - 1; i >= 0; i--) {
                        out.add(in.get(i));
                    }
                    return out;
                }),
                Operands.builtin("array.slice", 3, (ctx, a) -> {
                    ArrayNode in = a.array(0);
                    long start = Math.max(0, a.longValue(1));
                    long stop = Math.min(in.size(), a.longValue(2));
                    ArrayNode out = Json.array();
                    for (long i = start; i < stop; i++) {
                        out.add(in.get((int) i));
                    }
                    return out;
                }),
                // one level, as OPA's cases show; sees sets so that a set element is kept, not spliced
                Builtin.seeingSets(Operands.builtin("array.flatten", 1, (ctx, a) -> {
                    if (a.get(0) instanceof SetNode) {
                        throw a.typeError(1, "array", a.get(0));
                    }
                    return flatten(a.array(0));
                })));
    }

    /** A key, or an array taken as a path of keys and indices; {@code fallback} when any step is missing. */
    static JsonNode get(ObjectNode o, JsonNode key, JsonNode fallback) {
        if (!key.isArray()) {
            JsonNode v = key.isTextual() ? o.get(key.textValue()) : null;
            return v == null ? fallback : v;
        }
        JsonNode current = o;
        for (JsonNode step : key) {
            current = child(current, step);
            if (current == null) {
                return fallback;
            }
        }
        return current;
    }

    private static JsonNode child(JsonNode v, JsonNode step) {
        if (v.isObject()) {
            return step.isTextual() ? v.get(step.textValue()) : null;
        }
        if (v.isArray() && step.isIntegralNumber() && step.canConvertToInt()) {
            return v.get(step.intValue());
        }
        return null;
    }

    /** Keys of an array, set or object operand (for an object: its keys). */
    private static Set<String> keys(String name, JsonNode operand) {
        Set<String> out = new HashSet<>();
        if (operand != null && operand.isObject()) {
            operand.fieldNames().forEachRemaining(out::add);
        } else if (operand != null && operand.isArray()) {
            operand.forEach(k -> {
                if (k.isTextual()) {
                    out.add(k.textValue());
                }
            });
        } else {
            throw Args.typeError(name, 2, "one of {object, set, array}", operand);
        }
        return out;
    }

    /** Right wins; objects on both sides merge recursively. */
    static JsonNode union(JsonNode left, JsonNode right) {
        if (!left.isObject() || !right.isObject()) {
            return right;
        }
        ObjectNode out = ((ObjectNode) left).deepCopy();
        right.fields().forEachRemaining(e -> {
            JsonNode existing = out.get(e.getKey());
            out.set(e.getKey(), existing == null ? e.getValue() : union(existing, e.getValue()));
        });
        return out;
    }

    /**
     * Objects: every key of {@code sub} in {@code sup} with a subset value (recursively); arrays: {@code sub}
     * appears contiguously in {@code sup}; a set {@code sup}: every element of {@code sub} (set or array) is
     * in it; otherwise equality.
     */
    static boolean subset(JsonNode sup, JsonNode sub) {
        if (sup instanceof SetNode && sub.isArray()) {
            for (JsonNode element : sub) {
                if (!Values.contains(sup, element)) {
                    return false;
                }
            }
            return true;
        }
        if (sup.isObject() && sub.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) sub::fields) {
                JsonNode v = sup.get(e.getKey());
                if (v == null || !subset(v, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (sup.isArray() && sub.isArray()) {
            if (sub.isEmpty()) {
                return true;
            }
            for (int i = 0; i + sub.size() <= sup.size(); i++) {
                boolean all = true;
                for (int j = 0; j < sub.size() && all; j++) {
                    all = Values.equal(sup.get(i + j), sub.get(j));
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
        if (sup.isObject() != sub.isObject() && (sup.isObject() || sub.isObject())) {
            throw new BuiltinTypeException("object.subset: both arguments must be objects, sets or arrays");
        }
        return Values.equal(sup, sub);
    }

    /** The elements of {@code array}, with those that are arrays replaced by their own elements. */
    private static ArrayNode flatten(ArrayNode array) {
        ArrayNode out = Json.array();
        for (JsonNode v : array) {
            if (v.isArray() && !(v instanceof SetNode)) {
                out.addAll((ArrayNode) v);
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
