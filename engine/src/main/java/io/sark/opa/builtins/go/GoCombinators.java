package io.sark.opa.builtins.go;

import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Arranges the failures of an {@code anyOf} or {@code oneOf} that no branch satisfied as gojsonschema reports them
 * (validation.go): one "Must validate at least one schema (anyOf)" (or oneOf) at the instance the combinator checked,
 * then the failures of the branch that came closest only. networknt reports every branch's failures; the closest
 * is taken to be the one with the fewest (the first on a tie), where gojsonschema counts the checks that passed.
 */
public final class GoCombinators {
    private GoCombinators() {}

    /** A failure to report: a message of the validator, or a combinator's own at {@code instance}. */
    public record Failure(ValidationMessage message, String combinator, JsonNodePath instance) {}

    /** Schema keywords whose subschema checks a part of the instance (a property, an item). */
    private static final Set<String> DESCENDING = Set.of("properties", "patternProperties", "additionalProperties",
            "items", "additionalItems", "prefixItems", "contains");

    /** Keywords followed by a name or an index that is not a part of the instance. */
    private static final Set<String> NAMED = Set.of("properties", "patternProperties", "prefixItems", "dependencies",
            "dependentSchemas", "definitions", "$defs", "anyOf", "oneOf", "allOf");

    public static List<Failure> arrange(Collection<ValidationMessage> messages) {
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (ValidationMessage m : messages) {
            Group g = group(m, groups);
            if (g == null) {
                order.add(new Failure(m, null, null));
            } else if (!order.contains(g)) {
                order.add(g);
            }
        }
        List<Failure> out = new ArrayList<>();
        for (Object o : order) {
            if (o instanceof Failure f) {
                // the validator's own oneOf message gives way to the one made here
                if (!groups.containsKey(ownKey(f.message()))) {
                    out.add(f);
                }
            } else {
                Group g = (Group) o;
                out.add(new Failure(null, g.combinator, g.instance));
                List<ValidationMessage> closest = null;
                for (List<ValidationMessage> branch : g.branches.values()) {
                    if (closest == null || branch.size() < closest.size()) {
                        closest = branch;
                    }
                }
                closest.forEach(m -> out.add(new Failure(m, null, null)));
            }
        }
        return out;
    }

    private static final class Group {
        final String combinator;
        final JsonNodePath instance;
        final Map<Integer, List<ValidationMessage>> branches = new TreeMap<>();

        Group(String combinator, JsonNodePath instance) {
            this.combinator = combinator;
            this.instance = instance;
        }
    }

    /** The outermost anyOf/oneOf branch the message failed in, or null. */
    private static Group group(ValidationMessage m, Map<String, Group> groups) {
        JsonNodePath eval = m.getEvaluationPath();
        JsonNodePath instance = m.getInstanceLocation();
        if (eval == null || instance == null) {
            return null;
        }
        int n = eval.getNameCount();
        for (int i = 0; i + 1 < n; i++) {
            Object kw = eval.getElement(i);
            if (("anyOf".equals(kw) || "oneOf".equals(kw)) && eval.getElement(i + 1) instanceof Integer branch) {
                JsonNodePath at = instance;
                for (int d = descents(eval, i + 2); d > 0 && at.getParent() != null; d--) {
                    at = at.getParent();
                }
                JsonNodePath where = at;
                Group g = groups.computeIfAbsent(key((String) kw, at, eval, i), x -> new Group((String) kw, where));
                g.branches.computeIfAbsent(branch, x -> new ArrayList<>()).add(m);
                return g;
            }
        }
        return null;
    }

    /** A combinator's key: its keyword, the instance it checks and the evaluation path up to it. */
    private static String key(String combinator, JsonNodePath instance, JsonNodePath eval, int end) {
        StringBuilder key = new StringBuilder(combinator).append('|').append(instance);
        for (int k = 0; k < end; k++) {
            key.append('/').append(eval.getElement(k));
        }
        return key.toString();
    }

    /** The key of a message the combinator itself reported, or null. */
    private static String ownKey(ValidationMessage m) {
        JsonNodePath eval = m.getEvaluationPath();
        if (eval == null || m.getInstanceLocation() == null || eval.getNameCount() == 0
                || !m.getType().equals(eval.getElement(eval.getNameCount() - 1))) {
            return null;
        }
        return key(m.getType(), m.getInstanceLocation(), eval, eval.getNameCount() - 1);
    }

    /** How many instance levels the evaluation path goes down from {@code from}, its last (failing) keyword aside. */
    private static int descents(JsonNodePath eval, int from) {
        int d = 0;
        int n = eval.getNameCount();
        for (int i = from; i < n - 1; i++) {
            Object e = eval.getElement(i);
            if (DESCENDING.contains(e)) {
                d++;
            }
            if (NAMED.contains(e)) {
                i++;
            }
        }
        return d;
    }
}
