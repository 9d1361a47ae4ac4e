package io.sark.opa.runtime.bundles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.runtime.data.BundlePatch;
import io.sark.opa.signing.BundleSignatureException;
import io.sark.opa.signing.BundleVerifier;
import io.sark.opa.signing.VerificationConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle read from its archive, in OPA's bundle format (v1/bundle): each {@code data.json} holds the data
 * at its directory's path, the {@code .manifest} names the revision and the roots the bundle owns (the whole
 * tree without them). Policy files ({@code .wasm}, {@code plan.json}, Rego) are kept for {@link PolicyBundles};
 * YAML data is refused. A delta bundle carries a {@code patch.json} instead of data (OPA's "Delta Bundles").
 *
 * @param roots the owned paths as {@code a/b}; {@code ""} is the whole tree
 * @param patch a delta bundle's operations; empty for a snapshot bundle
 * @param policyFiles the policy files and, when there are any, the {@code .manifest}, by path; empty for a data
 *     bundle
 */
record DataBundle(String revision, List<String> roots, ObjectNode data, List<BundlePatch> patch,
        Map<String, byte[]> policyFiles) {

    static final String MANIFEST = ".manifest";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * @param maxBytes most bytes the archive's files may hold together, decompressed
     * @param verification how its signature is checked; {@code null} when it is not
     * @throws BundleException when the archive is not a valid data bundle, or its signature does not verify
     */
    static DataBundle read(byte[] archive, long maxBytes, VerificationConfig verification) {
        Map<String, byte[]> files = TarGz.files(archive, maxBytes);
        if (verification != null) {
            try {
                BundleVerifier.verify(files, verification);
            } catch (BundleSignatureException e) {
                throw new BundleException(e.getMessage());
            }
        }
        String revision = "";
        List<String> roots = List.of("");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        List<BundlePatch> patch = new ArrayList<>();
        Map<String, byte[]> policyFiles = new TreeMap<>(); // sorted: errors name the same file every time
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            String base = path.substring(path.lastIndexOf('/') + 1);
            String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
            if (path.equals(MANIFEST)) {
                JsonNode manifest = json(path, file.getValue());
                revision = manifest.path("revision").asText("");
                if (manifest.has("roots")) {
                    roots = new ArrayList<>();
                    for (JsonNode root : manifest.get("roots")) {
                        roots.add(trim(root.asText()));
                    }
                }
            } else if (base.equals("data.json")) {
                merge(data, segments(dir), json(path, file.getValue()), path);
            } else if (base.equals("patch.json")) {
                patch.addAll(patch(path, json(path, file.getValue())));
            } else if (base.equals("data.yaml") || base.equals("data.yml")) {
                throw new BundleException(path + ": YAML data is not supported at run time; use data.json");
            } else if (base.endsWith(".wasm") || base.equals("plan.json") || base.endsWith(".rego")) {
                policyFiles.put(path, file.getValue());
            }
        }
        // OPA v1/bundle/bundle.go: a bundle with patch operations is a delta bundle, and holds nothing else
        if (!patch.isEmpty() && !data.isEmpty()) {
            throw new BundleException("delta bundle expected to contain only patch file but data files found");
        }
        if (!patch.isEmpty() && !policyFiles.isEmpty()) {
            throw new BundleException("delta bundle expected to contain only patch file but policy files found");
        }
        checkUnderRoots(data, List.of(), roots);
        if (!policyFiles.isEmpty() && files.containsKey(MANIFEST)) {
            policyFiles.put(MANIFEST, files.get(MANIFEST));
        }
        return new DataBundle(revision, List.copyOf(roots), data, List.copyOf(patch),
                Collections.unmodifiableMap(policyFiles));
    }

    boolean delta() {
        return !patch.isEmpty();
    }

    // {"data": [{"op": "upsert", "path": "/a/b", "value": ...}, ...]}
    private static List<BundlePatch> patch(String file, JsonNode json) {
        JsonNode operations = json.path("data");
        if (!operations.isArray() && !operations.isMissingNode()) {
            throw new BundleException(file + ": data must be a list of patch operations");
        }
        List<BundlePatch> patch = new ArrayList<>();
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText("");
            String path = operation.path("path").asText("");
            JsonNode value = operation.has("value") ? operation.get("value") : NullNode.getInstance();
            switch (op) {
                case "upsert" -> patch.add(new BundlePatch(BundlePatch.Op.UPSERT, path, value));
                case "replace" -> patch.add(new BundlePatch(BundlePatch.Op.REPLACE, path, value));
                case "remove" -> patch.add(new BundlePatch(BundlePatch.Op.REMOVE, path, value));
                default -> throw new BundleException(file + ": bad patch operation: " + op); // OPA's words
            }
        }
        return patch;
    }

    private static JsonNode json(String path, byte[] bytes) {
        try {
            JsonNode value = JSON.readTree(bytes);
            if (value == null || value.isMissingNode()) {
                throw new BundleException(path + ": empty");
            }
            return value;
        } catch (IOException e) {
            throw new BundleException(path + ": not valid JSON");
        }
    }

    // a data.json deeper down adds to (never overwrites) what other files put at its path's parents
    private static void merge(ObjectNode data, List<String> at, JsonNode value, String file) {
        ObjectNode parent = data;
        for (int i = 0; i < at.size(); i++) {
            JsonNode child = parent.get(at.get(i));
            if (i == at.size() - 1) {
                if (child == null) {
                    parent.set(at.get(i), value);
                    return;
                }
                if (!(child instanceof ObjectNode existing) || !(value instanceof ObjectNode object)) {
                    throw new BundleException(file + ": conflicts with other data at /" + String.join("/", at));
                }
                object.fields().forEachRemaining(e -> merge(existing, List.of(e.getKey()), e.getValue(), file));
                return;
            }
            if (child == null) {
                child = parent.putObject(at.get(i));
            } else if (!(child instanceof ObjectNode)) {
                throw new BundleException(file + ": conflicts with other data at /" + String.join("/", at));
            }
            parent = (ObjectNode) child;
        }
        if (!(value instanceof ObjectNode object)) {
            throw new BundleException(file + ": the data at the bundle's top must be an object");
        }
        object.fields().forEachRemaining(e -> merge(data, List.of(e.getKey()), e.getValue(), file));
    }

    // OPA refuses a bundle with data outside its roots (v1/bundle: "manifest roots ... do not permit data at path")
    private static void checkUnderRoots(JsonNode node, List<String> at, List<String> roots) {
        boolean covered = roots.stream().anyMatch(root -> startsWith(at, segments(root)));
        if (covered) {
            return;
        }
        boolean above = roots.stream().anyMatch(root -> startsWith(segments(root), at));
        if (!above || !(node instanceof ObjectNode)) {
            throw new BundleException("data at /" + String.join("/", at) + " is outside the bundle's roots "
                    + roots);
        }
        node.fields().forEachRemaining(e -> {
            List<String> child = new ArrayList<>(at);
            child.add(e.getKey());
            checkUnderRoots(e.getValue(), child, roots);
        });
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return prefix.size() <= path.size() && prefix.equals(path.subList(0, prefix.size()));
    }

    static List<String> segments(String path) {
        String trimmed = trim(path);
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/"));
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
