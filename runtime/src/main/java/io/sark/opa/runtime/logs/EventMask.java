package io.sark.opa.runtime.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's simple mask form ({@code decision_logs.mask}, v1/plugins/logs/mask.go): paths under {@code /input} or
 * {@code /result}, segments split on {@code /}; an object member or array element that exists is removed and the
 * path recorded in the event's {@code erased}; a path that does not exist changes nothing and is not recorded.
 */
final class EventMask {

    static final String INPUT = "input";
    static final String RESULT = "result";

    private final List<Rule> rules;

    private record Rule(String path, String part, List<String> segments) {
    }

    EventMask(List<String> paths) {
        List<Rule> parsed = new ArrayList<>();
        for (String path : paths) {
            if (!valid(path)) {
                throw new IllegalArgumentException("decision-log mask '" + path + "' must start with /input or /result");
            }
            List<String> parts = List.of(path.substring(1).split("/", -1));
            parsed.add(new Rule(path, parts.get(0), parts.subList(1, parts.size())));
        }
        this.rules = List.copyOf(parsed);
    }

    /** Whether {@code path} is a mask OPA takes: {@code /input} or {@code /result}, alone or followed by segments. */
    static boolean valid(String path) {
        return path.equals("/" + INPUT) || path.equals("/" + RESULT)
                || path.startsWith("/" + INPUT + "/") || path.startsWith("/" + RESULT + "/");
    }

    /** Whether some rule erases part of {@code part} ({@link #INPUT} or {@link #RESULT}), which must then be parsed. */
    boolean touches(String part) {
        return rules.stream().anyMatch(r -> r.part().equals(part));
    }

    /** Erases the masked paths of the event's {@code input} and {@code result} members; returns the paths erased. */
    List<String> apply(ObjectNode event) {
        List<String> erased = new ArrayList<>();
        for (Rule rule : rules) {
            JsonNode root = event.get(rule.part());
            if (root == null) {
                continue;
            }
            if (rule.segments().isEmpty()) {
                event.remove(rule.part());
                erased.add(rule.path());
            } else if (remove(root, rule.segments())) {
                erased.add(rule.path());
            }
        }
        return erased;
    }

    private static boolean remove(JsonNode node, List<String> segments) {
        for (String segment : segments.subList(0, segments.size() - 1)) {
            node = child(node, segment);
            if (node == null) {
                return false;
            }
        }
        String last = segments.get(segments.size() - 1);
        if (node instanceof ObjectNode object) {
            return object.remove(last) != null;
        }
        int index = index(node, last);
        if (index < 0) {
            return false;
        }
        ((ArrayNode) node).remove(index);
        return true;
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.get(segment);
        }
        int index = index(node, segment);
        return index < 0 ? null : node.get(index);
    }

    /** The array index {@code segment} names in {@code node}, or -1 when node is no array or has no such element. */
    private static int index(JsonNode node, String segment) {
        if (!node.isArray()) {
            return -1;
        }
        try {
            int index = Integer.parseInt(segment);
            return index >= 0 && index < node.size() ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
