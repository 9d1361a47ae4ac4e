package io.sark.opa.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.encoding.GoYaml;
import java.io.IOException;

/**
 * The {@code data} document of a bundle, merged from data files by their directory path as OPA does:
 * {@code a/b/data.json} lands at {@code data.a.b}. Two files may not set the same non-object value.
 */
final class DataDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();

    /** Adds a {@code data.json}, {@code data.yaml} or {@code data.yml} found at {@code path} inside {@code origin}. */
    void add(String origin, String path, byte[] content) {
        JsonNode value = parse(origin, path, content);
        ObjectNode parent = root;
        String[] segments = directoryOf(path);
        for (String segment : segments) {
            JsonNode child = parent.get(segment);
            if (child == null) {
                child = parent.putObject(segment);
            } else if (!child.isObject()) {
                throw new BundleException(origin + ": " + path + " is nested under '" + segment
                        + "', which another data file sets to a non-object value");
            }
            parent = (ObjectNode) child;
        }
        if (!value.isObject()) {
            throw new BundleException(origin + ": " + path + " must hold a JSON object, not " + value.getNodeType());
        }
        merge(origin, path, parent, (ObjectNode) value);
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void merge(String origin, String path, ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(entry -> {
            JsonNode existing = into.get(entry.getKey());
            if (existing == null) {
                into.set(entry.getKey(), entry.getValue());
            } else if (existing.isObject() && entry.getValue().isObject()) {
                merge(origin, path, (ObjectNode) existing, (ObjectNode) entry.getValue());
            } else {
                throw new BundleException(origin + ": " + path + " sets '" + entry.getKey()
                        + "', which another data file already sets");
            }
        });
    }

    private static String[] directoryOf(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? new String[0] : trimmed.substring(0, slash).split("/");
    }

    static JsonNode parse(String origin, String path, byte[] content) {
        return parseFile(origin + ": " + path, path, content);
    }

    /** Parses one data file; {@code file} names it in the error (a file beside a bare module has no bundle). */
    static JsonNode parseFile(String file, String path, byte[] content) {
        if (path.endsWith(".json")) {
            try {
                return JSON.readTree(content);
            } catch (IOException e) {
                throw new BundleException(file + " is not valid JSON: " + e.getMessage(), e);
            }
        }
        try {
            // as OPA's loader, which converts YAML data files with sigs.k8s.io/yaml (bundle/bundle.go, util.Unmarshal)
            return GoYaml.read(new String(content, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new BundleException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
