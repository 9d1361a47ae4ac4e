package io.sark.opa.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads an OPA bundle, packed ({@code .tar.gz}) or unpacked (a folder's files), into a {@link PolicySource}:
 * {@code .manifest}, {@code policy.wasm}, {@code plan.json} or else {@code .rego} files, and data files merged by
 * directory path.
 */
public final class BundleReader {

    /** Unpacked size above which a bundle is refused: a policy bundle is kilobytes, not gigabytes. */
    static final long MAX_UNPACKED_BYTES = 256L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleReader() {}

    /** Reads a {@code .tar.gz} bundle. */
    public static PolicySource readArchive(String name, String origin, InputStream archive) {
        return read(name, origin, unpack(origin, archive));
    }

    /** The files of a {@code .tar.gz} bundle, keyed as {@link #read(String, String, Map)} takes them. */
    public static Map<String, byte[]> unpack(String origin, InputStream archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                byte[] content = tar.readAllBytes();
                total += content.length;
                if (total > MAX_UNPACKED_BYTES) {
                    throw new BundleException(origin + ": unpacks to more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
                }
                files.put(normalize(entry.getName()), content);
            }
        } catch (IOException e) {
            throw new BundleException(origin + ": corrupt archive, not a gzip-compressed tar: " + e.getMessage(), e);
        }
        return files;
    }

    /** Reads a bundle from its files, keyed by path inside the bundle ({@code /a/b/data.json}). */
    public static PolicySource read(String name, String origin, Map<String, byte[]> files) {
        return read(name, origin, files, RegoVersion.V1);
    }

    /**
     * As {@link #read(String, String, Map)}, with the Rego syntax its files default to when its manifest names none
     * ({@code opa test --v0-compatible} reads v0).
     */
    public static PolicySource read(String name, String origin, Map<String, byte[]> files, RegoVersion regoVersion) {
        Manifest manifest = Manifest.parse(origin, files.get("/.manifest"), regoVersion);
        DataDocument data = new DataDocument();
        Set<String> modules = new LinkedHashSet<>(manifest.modules());
        byte[] plan = files.get("/plan.json");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String path = file.getKey();
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            if (isDataFile(fileName)) {
                data.add(origin, path, file.getValue());
            } else if (path.endsWith(".wasm") && manifest.modules().isEmpty()) {
                modules.add(path);
            }
        }
        if (modules.size() > 1) {
            throw new BundleException(origin + ": holds " + modules.size() + " wasm modules " + modules
                    + "; put each policy in a bundle of its own");
        }
        if (!modules.isEmpty()) {
            String path = modules.iterator().next();
            byte[] wasm = files.get(path);
            if (wasm == null) {
                throw new BundleException(origin + ": the manifest names module " + path + ", which the bundle lacks");
            }
            return new PolicySource(name, origin, PolicySource.Kind.WASM, wasm, data.toJson(), manifest.entrypoints(),
                    manifest.revision(), List.of(), manifest.roots());
        }
        if (plan != null) {
            return new PolicySource(name, origin, PolicySource.Kind.PLAN, plan, data.toJson(), manifest.entrypoints(),
                    manifest.revision(), List.of(), manifest.roots());
        }
        List<RegoModule> rego = RegoModules.parse(origin, files, manifest.regoVersions()::of);
        if (!rego.isEmpty()) {
            return new PolicySource(name, origin, PolicySource.Kind.REGO, new byte[0], data.toJson(),
                    RegoEntrypoints.annotated(rego), manifest.revision(), rego, manifest.roots());
        }
        throw new BundleException(origin + ": has no policy.wasm, no plan.json and no .rego files");
    }

    /** Whether a file of this name is a data file of its directory. */
    public static boolean isDataFile(String fileName) {
        return fileName.equals("data.json") || fileName.equals("data.yaml") || fileName.equals("data.yml");
    }

    /** A path inside a bundle as this reader keys it: {@code /a/b.rego}. */
    public static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    /**
     * The manifest's {@code roots} without their slashes at either end; empty without them, or when one is
     * {@code ""} (OPA's default: the whole tree).
     */
    private static List<String> ownedRoots(JsonNode manifest) {
        List<String> roots = new ArrayList<>();
        for (JsonNode root : manifest.path("roots")) {
            String path = root.asText("").replaceAll("^/+|/+$", "");
            if (path.isEmpty()) {
                return List.of();
            }
            roots.add(path);
        }
        return List.copyOf(roots);
    }

    /** The parts of OPA's {@code .manifest} this project uses. */
    record Manifest(String revision, List<String> entrypoints, List<String> modules, RegoVersions regoVersions,
            List<String> roots) {

        static Manifest parse(String origin, byte[] content, RegoVersion regoVersion) {
            if (content == null) {
                return new Manifest("", List.of(), List.of(), RegoVersions.of(regoVersion), List.of());
            }
            JsonNode json;
            try {
                json = JSON.readTree(content);
            } catch (IOException e) {
                throw new BundleException(origin + ": .manifest is not valid JSON: " + e.getMessage(), e);
            }
            if (json == null || !json.isObject()) {
                throw new BundleException(origin + ": .manifest must be a JSON object");
            }
            List<String> entrypoints = new ArrayList<>();
            List<String> modules = new ArrayList<>();
            for (JsonNode wasm : json.path("wasm")) {
                if (wasm.hasNonNull("entrypoint")) {
                    entrypoints.add(wasm.get("entrypoint").asText());
                }
                if (wasm.hasNonNull("module")) {
                    String module = normalize(wasm.get("module").asText());
                    if (!modules.contains(module)) {
                        modules.add(module);
                    }
                }
            }
            return new Manifest(json.path("revision").asText(""), List.copyOf(entrypoints), List.copyOf(modules),
                    RegoVersions.parse(origin, json, regoVersion), ownedRoots(json));
        }
    }
}
