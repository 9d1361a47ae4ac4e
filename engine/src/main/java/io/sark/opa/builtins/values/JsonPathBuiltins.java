package io.sark.opa.builtins.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.builtins.go.GoJson;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.SetNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code json.remove}, {@code json.filter} (paths as "a/b/0" strings or arrays of segments) and
 * {@code json.patch} (RFC 6902; a patch that cannot apply makes the result undefined, as in OPA).
 */
public final class JsonPathBuiltins {
    private JsonPathBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("json.remove", 2, (ctx, a) -> remove(a.object(0), trie(a.builtin(), a.get(1)))),
                Operands.builtin("json.filter", 2, (ctx, a) -> {
                    JsonNode out = filter(a.object(0), trie(a.builtin(), a.get(1)));
                    return out == null ? Json.object() : out;
                }),
                Builtin.seeingSets(Operands.builtin("json.patch", 2, (ctx, a) -> patch(a.get(0), a.array(1)))));
    }

    /** A tree of path segments; a node with {@code leaf} set covers its whole subtree. */
    private static final class Trie {
        boolean leaf;
        final Map<String, Trie> children = new LinkedHashMap<>();

        void add(List<String> path) {
            Trie node = this;
            for (String segment : path) {
                if (node.leaf) {
                    return;
                }
                node = node.children.computeIfAbsent(segment, s -> new Trie());
            }
            node.leaf = true;
            node.children.clear();
        }
    }

    private static Trie trie(String name, JsonNode paths) {
        if (paths == null || !paths.isArray()) {
            throw Args.typeError(name, 2, "one of {set, array}", paths);
        }
        Trie root = new Trie();
        for (JsonNode p : paths) {
            root.add(segments(name, p));
        }
        return root;
    }

    /** "a/b/0" or "/a/b/0" into its segments, with JSON pointer escapes (~1 for /, ~0 for ~) undone. */
    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        String s = path.startsWith("/") ? path.substring(1) : path;
        for (String segment : s.split("/", -1)) {
            out.add(segment.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static List<String> segments(String name, JsonNode path) {
        List<String> out = new ArrayList<>();
        if (path.isTextual()) {
            return split(path.textValue());
        }
        if (path.isArray()) {
            for (JsonNode segment : path) {
                out.add(segment.isTextual() ? segment.textValue() : segment.isNumber() ? GoJson.number(segment) : Json.write(segment));
            }
            return out;
        }
        throw new BuiltinTypeException(name + ": operand 2 must be one of {set, array} containing string paths or array of path segments but got "
                + Args.typeName(path));
    }

    static JsonNode remove(JsonNode value, Trie trie) {
        if (value.isObject()) {
            ObjectNode out = Json.object();
            value.fields().forEachRemaining(e -> {
                Trie child = trie.children.get(e.getKey());
                if (child == null) {
                    out.set(e.getKey(), e.getValue());
                } else if (!child.leaf) {
                    out.set(e.getKey(), remove(e.getValue(), child));
                }
            });
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = Json.array();
            for (int i = 0; i < value.size(); i++) {
                Trie child = trie.children.get(Integer.toString(i));
                if (child == null) {
                    out.add(value.get(i));
                } else if (!child.leaf) {
                    out.add(remove(value.get(i), child));
                }
            }
            return out;
        }
        return value;
    }

    /** The parts of {@code value} on the trie's paths; null when none of them exists. */
    static JsonNode filter(JsonNode value, Trie trie) {
        if (trie.leaf) {
            return value;
        }
        if (value.isObject()) {
            ObjectNode out = Json.object();
            trie.children.forEach((key, child) -> {
                JsonNode v = value.get(key);
                if (v != null) {
                    JsonNode kept = filter(v, child);
                    if (kept != null) {
                        out.set(key, kept);
                    }
                }
            });
            return out.isEmpty() && !trie.children.isEmpty() ? null : out;
        }
        if (value.isArray()) {
            ArrayNode out = Json.array();
            for (int i = 0; i < value.size(); i++) {
                Trie child = trie.children.get(Integer.toString(i));
                if (child != null) {
                    JsonNode kept = filter(value.get(i), child);
                    if (kept != null) {
                        out.add(kept);
                    }
                }
            }
            return out.isEmpty() ? null : out;
        }
        return null;
    }

    /** Signals a patch operation that cannot apply: the builtin's result is undefined. */
    private static final class PatchFailed extends Exception {
        PatchFailed() {
            super(null, null, false, false);
        }
    }

    static JsonNode patch(JsonNode document, ArrayNode operations) {
        JsonNode current = document.deepCopy();
        try {
            for (JsonNode op : operations) {
                if (!op.isObject() || !op.path("op").isTextual() || !op.has("path")) {
                    return null;
                }
                List<JsonNode> path = pointer(op.get("path"));
                switch (op.get("op").textValue()) {
                    case "add" -> current = add(current, path, requireValue(op));
                    case "remove" -> current = removeAt(current, path);
                    case "replace" -> current = path.isEmpty() ? requireValue(op) // the whole document
                            : add(removeAt(current, path), path, requireValue(op));
                    case "move" -> {
                        List<JsonNode> from = pointer(op.get("from"));
                        JsonNode moved = at(current, from);
                        current = add(removeAt(current, from), path, moved);
                    }
                    case "copy" -> current = add(current, path, at(current, pointer(op.get("from"))));
                    case "test" -> {
                        if (!Values.equal(at(current, path), requireValue(op))) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
        } catch (PatchFailed e) {
            return null;
        }
        return current;
    }

    private static JsonNode requireValue(JsonNode op) throws PatchFailed {
        if (!op.has("value")) {
            throw new PatchFailed();
        }
        return op.get("value");
    }

    /** Segments of a JSON pointer ("a/b/0") or of an array path, whose segments may be any set element. */
    private static List<JsonNode> pointer(JsonNode path) throws PatchFailed {
        if (path == null) {
            throw new PatchFailed();
        }
        List<JsonNode> out = new ArrayList<>();
        if (path.isTextual()) {
            if (!path.textValue().isEmpty()) {
                split(path.textValue()).forEach(segment -> out.add(Json.text(segment)));
            }
            return out;
        }
        if (path.isArray()) {
            path.forEach(out::add);
            return out;
        }
        throw new PatchFailed();
    }

    /** An object key or array index segment. */
    private static String key(JsonNode segment) throws PatchFailed {
        if (segment.isTextual()) {
            return segment.textValue();
        }
        if (segment.isIntegralNumber()) {
            return segment.bigIntegerValue().toString();
        }
        throw new PatchFailed();
    }

    private static JsonNode at(JsonNode doc, List<JsonNode> path) throws PatchFailed {
        JsonNode current = doc;
        for (JsonNode segment : path) {
            if (current instanceof SetNode set) {
                current = set.get(member(set, segment)); // a set's elements are addressed by value
            } else if (current.isObject() && current.has(key(segment))) {
                current = current.get(key(segment));
            } else if (current.isArray()) {
                current = current.get(index(key(segment), current.size() - 1));
            } else {
                throw new PatchFailed();
            }
        }
        return current;
    }

    /** The position of {@code element} in the set. */
    private static int member(SetNode set, JsonNode element) throws PatchFailed {
        for (int i = 0; i < set.size(); i++) {
            if (Values.equal(set.get(i), element)) {
                return i;
            }
        }
        throw new PatchFailed();
    }

    private static int index(String segment, int max) throws PatchFailed {
        if (segment.isEmpty() || !segment.chars().allMatch(Character::isDigit) || segment.length() > 9
                || (segment.length() > 1 && segment.charAt(0) == '0')) {
            throw new PatchFailed();
        }
        int i = Integer.parseInt(segment);
        if (i > max) {
            throw new PatchFailed();
        }
        return i;
    }

    private static JsonNode add(JsonNode doc, List<JsonNode> path, JsonNode value) throws PatchFailed {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = at(doc, path.subList(0, path.size() - 1));
        JsonNode last = path.get(path.size() - 1);
        if (parent instanceof SetNode set) {
            if (!Values.equal(last, value)) { // OPA: a set element's path names the element itself
                throw new PatchFailed();
            }
            set.removeIf(element -> Values.equal(element, value));
            set.add(value);
        } else if (parent.isObject()) {
            ((ObjectNode) parent).set(key(last), value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (key(last).equals("-")) {
                array.add(value);
            } else {
                array.insert(index(key(last), array.size()), value);
            }
        } else {
            throw new PatchFailed();
        }
        return doc;
    }

    private static JsonNode removeAt(JsonNode doc, List<JsonNode> path) throws PatchFailed {
        if (path.isEmpty()) {
            throw new PatchFailed();
        }
        JsonNode parent = at(doc, path.subList(0, path.size() - 1));
        JsonNode last = path.get(path.size() - 1);
        if (parent instanceof SetNode set) {
            set.remove(member(set, last));
        } else if (parent.isObject() && parent.has(key(last))) {
            ((ObjectNode) parent).remove(key(last));
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(key(last), parent.size() - 1));
        } else {
            throw new PatchFailed();
        }
        return doc;
    }
}
