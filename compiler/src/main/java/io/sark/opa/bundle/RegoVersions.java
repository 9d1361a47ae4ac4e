package io.sark.opa.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.rego.RegoVersion;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Rego syntax a bundle's files default to, from its manifest as OPA reads it: {@code rego_version} (0 or 1) for
 * the bundle, {@code file_rego_versions} (path glob to 0 or 1) for files that differ. Without either, the reader's
 * default: v1, as OPA 1.0, unless told otherwise.
 */
record RegoVersions(RegoVersion bundle, Map<PathMatcher, RegoVersion> files) {

    static RegoVersions of(RegoVersion bundle) {
        return new RegoVersions(bundle, Map.of());
    }

    static RegoVersions parse(String origin, JsonNode manifest, RegoVersion otherwise) {
        RegoVersion bundle = manifest.has("rego_version")
                ? version(origin, "rego_version", manifest.get("rego_version"))
                : otherwise;
        Map<PathMatcher, RegoVersion> files = new LinkedHashMap<>();
        manifest.path("file_rego_versions").fields().forEachRemaining(entry -> {
            String glob = BundleReader.normalize(entry.getKey());
            files.put(FileSystems.getDefault().getPathMatcher("glob:" + glob),
                    version(origin, "file_rego_versions[" + entry.getKey() + "]", entry.getValue()));
        });
        return new RegoVersions(bundle, files);
    }

    /** The default syntax of the file at {@code path} ({@code /a/b.rego}). */
    RegoVersion of(String path) {
        Path file = Path.of(path);
        return files.entrySet().stream().filter(e -> e.getKey().matches(file)).map(Map.Entry::getValue).findFirst()
                .orElse(bundle);
    }

    private static RegoVersion version(String origin, String key, JsonNode value) {
        if (value.isInt() && value.intValue() == 0) {
            return RegoVersion.V0;
        }
        if (value.isInt() && value.intValue() == 1) {
            return RegoVersion.V1;
        }
        throw new BundleException(origin + ": .manifest " + key + " must be 0 or 1, not " + value);
    }
}
