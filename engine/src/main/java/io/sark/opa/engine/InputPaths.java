package io.sark.opa.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of input each entrypoint of a module can read, as the compiler that made the module wrote them in the
 * custom section {@value #SECTION}: a JSON object from entrypoint name to a tree, {@code true} for a part read whole,
 * else an object of the keys read below it. An entrypoint the section does not name (and every entrypoint of a module
 * without the section, such as one {@code opa build -t wasm} made) reads all of input.
 */
public final class InputPaths {
    public static final String SECTION = "sark.input_paths";

    private static final ObjectMapper JSON = new ObjectMapper();
    static final InputPaths ALL = new InputPaths(Map.of());

    private final Map<String, Node> byEntrypoint;

    private InputPaths(Map<String, Node> byEntrypoint) {
        this.byEntrypoint = byEntrypoint;
    }

    /** A part of input: read whole, or only its kind and the children named. */
    public static final class Node {
        public static final Node WHOLE = new Node(true, Map.of());
        /** Up to this many children are found by their bytes, one comparison each; more through the map. */
        private static final int LINEAR_MAX = 16;

        private final boolean whole;
        private final Map<String, Node> children;
        /** The children's names in UTF-8 and the children, in the same order, for {@link #child}. */
        private final byte[][] names;
        private final Node[] nodes;

        public Node(boolean whole, Map<String, Node> children) {
            this.whole = whole;
            this.children = children;
            this.names = new byte[children.size()][];
            this.nodes = new Node[children.size()];
            int i = 0;
            for (Map.Entry<String, Node> child : children.entrySet()) {
                names[i] = child.getKey().getBytes(StandardCharsets.UTF_8);
                nodes[i++] = child.getValue();
            }
        }

        public boolean whole() {
            return whole;
        }

        public Map<String, Node> children() {
            return children;
        }

        /**
         * The child whose name is {@code text} from {@code from} to {@code to}, UTF-8 with nothing escaped, or null:
         * what a scan of JSON text looks up for each member, without making a string of it.
         */
        Node child(byte[] text, int from, int to) {
            if (names.length > LINEAR_MAX) {
                return children.get(new String(text, from, to - from, StandardCharsets.UTF_8));
            }
            int length = to - from;
            for (int i = 0; i < names.length; i++) {
                if (names[i].length == length && Arrays.equals(names[i], 0, length, text, from, to)) {
                    return nodes[i];
                }
            }
            return null;
        }
    }

    /** What the module's section says; all of input for every entrypoint when it has none. */
    static InputPaths of(String policy, WasmModule module) {
        CustomSection section = module.customSection(SECTION);
        if (!(section instanceof UnknownCustomSection custom)) {
            return ALL;
        }
        try {
            return parse(custom.bytes());
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyLoadException("policy '" + policy + "': its " + SECTION + " section is not a map of "
                    + "entrypoints to input paths");
        }
    }

    /** Reads a section's payload (also for hosts that keep it elsewhere). */
    public static InputPaths parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        Map<String, Node> entries = new HashMap<>();
        root.fields().forEachRemaining(e -> entries.put(e.getKey(), node(e.getValue())));
        return new InputPaths(Collections.unmodifiableMap(entries));
    }

    private static Node node(JsonNode json) {
        if (json.isBoolean() && json.booleanValue()) {
            return Node.WHOLE;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("not a path tree");
        }
        Map<String, Node> children = new HashMap<>();
        json.fields().forEachRemaining(e -> children.put(e.getKey(), node(e.getValue())));
        return new Node(false, Collections.unmodifiableMap(children));
    }

    /** What {@code entrypoint} reads of input; {@link Node#whole() whole} when nothing narrower is known. */
    public Node of(String entrypoint) {
        return byEntrypoint.getOrDefault(entrypoint, Node.WHOLE);
    }
}
