package io.sark.opa.builtins.values;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.engine.Builtin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code graph.reachable} (the nodes of an adjacency object reachable from the initial nodes) and
 * {@code graph.reachable_paths} (the paths walked from each initial node, ending where a node has no
 * edges, is not in the graph, or leads only to nodes already reached).
 */
public final class GraphBuiltins {
    private GraphBuiltins() {}

    public static List<Builtin> all() {
        return List.of(Operands.setBuiltin("graph.reachable_paths", 2, (ctx, a) -> {
            JsonNode graph = a.object(0);
            JsonNode initial = a.get(1);
            if (initial == null || !initial.isArray()) {
                throw a.typeError(2, "one of {set, array}", initial);
            }
            List<JsonNode> paths = new ArrayList<>();
            for (JsonNode node : initial) {
                JsonNode edges = node.isTextual() ? graph.get(node.textValue()) : null;
                if (edges == null) {
                    continue;
                }
                if (edges.isArray() && !edges.isEmpty()) {
                    // Each edge of an initial node is walked with its own record of reached nodes, as OPA does.
                    for (JsonNode neighbor : edges) {
                        Set<String> reached = new LinkedHashSet<>(List.of(key(node)));
                        walk(graph, neighbor, new ArrayList<>(List.of(node)), reached, paths);
                    }
                } else {
                    paths.add(Json.array().add(node));
                }
            }
            return Values.set(paths);
        }), Operands.setBuiltin("graph.reachable", 2, (ctx, a) -> {
            JsonNode graph = a.object(0);
            JsonNode initial = a.get(1);
            if (initial == null || !initial.isArray()) {
                throw a.typeError(2, "one of {set, array}", initial);
            }
            // Only nodes that are keys of the graph count as reached, as in OPA.
            Set<String> reached = new LinkedHashSet<>();
            Deque<JsonNode> queue = new ArrayDeque<>();
            initial.forEach(queue::add);
            while (!queue.isEmpty()) {
                JsonNode node = queue.poll();
                if (!node.isTextual() || reached.contains(node.textValue())) {
                    continue;
                }
                JsonNode edges = graph.get(node.textValue());
                if (edges == null) {
                    continue;
                }
                reached.add(node.textValue());
                if (edges.isArray()) {
                    edges.forEach(queue::add);
                }
            }
            List<JsonNode> out = new ArrayList<>();
            reached.forEach(n -> out.add(Json.text(n)));
            return Values.set(out);
        }));
    }

    private static String key(JsonNode node) {
        return node.isTextual() ? node.textValue() : Json.write(node);
    }

    /** Extends {@code path} with {@code node} when the graph has it, then follows its edges. */
    private static void walk(JsonNode graph, JsonNode node, List<JsonNode> path, Set<String> reached, List<JsonNode> paths) {
        JsonNode edges = node.isTextual() ? graph.get(node.textValue()) : null;
        if (edges == null) {
            paths.add(Json.array().addAll(path));
            return;
        }
        reached.add(key(node));
        path.add(node);
        if (!edges.isArray() || edges.isEmpty()) {
            paths.add(Json.array().addAll(path));
        } else {
            for (JsonNode neighbor : edges) {
                if (reached.contains(key(neighbor))) {
                    paths.add(Json.array().addAll(path));
                } else {
                    walk(graph, neighbor, path, reached, paths);
                }
            }
        }
        path.remove(path.size() - 1);
    }
}
