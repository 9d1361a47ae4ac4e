package io.sark.opa.ir;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a JSON document something reads, as a tree of object keys. A node that is {@link #whole() whole}
 * reads its entire subtree; any other node reads only the kind of value there (and whether it is there) plus the
 * children it names. Written as JSON: {@code true} for whole, else an object of children, e.g.
 * {@code {"user":{"role":true}}}.
 */
public final class PathTree {
    private boolean whole;
    private final Map<String, PathTree> children = new TreeMap<>();

    public boolean whole() {
        return whole;
    }

    public Map<String, PathTree> children() {
        return children;
    }

    /** The node at {@code path}, made (and its ancestors) if missing; below a whole node, that node. */
    PathTree node(List<String> path) {
        PathTree node = this;
        for (String key : path) {
            if (node.whole) {
                return node;
            }
            node = node.children.computeIfAbsent(key, k -> new PathTree());
        }
        return node;
    }

    void markWhole(List<String> path) {
        PathTree node = node(path);
        node.whole = true;
        node.children.clear();
    }

    /** Adds what {@code other} reads, taken as relative to the node at {@code path}. */
    void graft(List<String> path, PathTree other) {
        node(path).merge(other);
    }

    private void merge(PathTree other) {
        if (whole) {
            return;
        }
        if (other.whole) {
            whole = true;
            children.clear();
            return;
        }
        other.children.forEach((key, child) -> children.computeIfAbsent(key, k -> new PathTree()).merge(child));
    }

    /** This tree as compact JSON text. */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        if (whole) {
            out.append("true");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, PathTree> e : children.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':');
            e.getValue().write(out);
        }
        out.append('}');
    }

    static void quote(StringBuilder out, String text) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }

    @Override
    public String toString() {
        return toJson();
    }
}
