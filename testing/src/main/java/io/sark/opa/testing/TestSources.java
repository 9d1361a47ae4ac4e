package io.sark.opa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.bundle.BundleException;
import io.sark.opa.bundle.BundleReader;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.regoc.RegoCompileException;
import io.sark.opa.rego.RegoVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Rego and data a test run reads: every {@code .rego} file under the paths, and the data files a bundle would
 * hold ({@code data.json}, {@code data.yaml} at their directory's path; a root {@code .manifest}'s
 * {@code rego_version} holds for its directory's files). Each directory is read as {@code opa test --bundle} reads
 * it; a file named directly lies at the root.
 */
record TestSources(List<RegoModule> modules, byte[] data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestSources read(List<Path> paths, RegoVersion regoVersion) {
        List<RegoModule> modules = new ArrayList<>();
        ObjectNode data = JSON.createObjectNode();
        for (Path path : paths) {
            PolicySource source = source(path, regoVersion);
            if (source != null) {
                modules.addAll(source.regoModules());
                merge(path.toString(), data, read(source.data()));
            }
        }
        try {
            return new TestSources(modules, JSON.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path read as a bundle whose file names start with the path as given; null when it holds no Rego. */
    private static PolicySource source(Path path, RegoVersion regoVersion) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String origin;
        try {
            if (Files.isDirectory(path)) {
                origin = path.toString();
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                        String key = BundleReader.normalize(path.relativize(file).toString());
                        if (key.endsWith(".rego") || key.equals("/.manifest")
                                || BundleReader.isDataFile(file.getFileName().toString())) {
                            files.put(key, Files.readAllBytes(file));
                        }
                    }
                }
            } else if (Files.isRegularFile(path) && path.toString().endsWith(".rego")) {
                origin = path.getParent() == null ? "." : path.getParent().toString();
                files.put("/" + path.getFileName(), Files.readAllBytes(path));
            } else {
                throw new RegoTestException(path + ": no such .rego file or directory", null);
            }
        } catch (IOException e) {
            throw new RegoTestException(path + ": cannot be read: " + e.getMessage(), e);
        }
        if (files.keySet().stream().noneMatch(k -> k.endsWith(".rego"))) {
            return null;
        }
        try {
            return BundleReader.read(origin, origin, files, regoVersion);
        } catch (BundleException | RegoCompileException e) {
            throw new RegoTestException(e.getMessage(), e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a bundle's merged data is not JSON", e);
        }
    }

    /** Merges the data of one path into that of the others; two values at one place are an error, as in OPA. */
    private static void merge(String origin, ObjectNode into, JsonNode from) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) from::fields) {
            JsonNode existing = into.get(field.getKey());
            if (existing == null) {
                into.set(field.getKey(), field.getValue());
            } else if (existing.isObject() && field.getValue().isObject()) {
                merge(origin, (ObjectNode) existing, field.getValue());
            } else {
                throw new RegoTestException(origin + ": its data sets " + field.getKey()
                        + ", which another path sets too", null);
            }
        }
    }
}
