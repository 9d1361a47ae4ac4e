package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Reads OPA's conformance cases from the folder Maven passes as {@code opa.conformance.dir}. */
final class ConformanceCases {
    private ConformanceCases() {}

    /** Every case of a category (folder under cases/); the calling test is skipped when the folder is absent. */
    static List<JsonNode> inCategory(String category) throws IOException {
        String dir = System.getProperty("opa.conformance.dir");
        Path folder = dir == null ? null : Path.of(dir, "cases", category);
        Assumptions.assumeTrue(folder != null && Files.isDirectory(folder), "no conformance cases for " + category);
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Json.MAPPER.readTree(f.toFile()).path("cases").forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Every case of a category of OPA's v1 compliance suite ({@code opa-v1} beside the conformance folder, made by
     * OPA 1.x); empty when that folder is absent.
     */
    static List<JsonNode> inV1Category(String category) throws IOException {
        String dir = System.getProperty("opa.conformance.dir");
        Path folder = dir == null ? null : Path.of(dir).resolveSibling("opa-v1").resolve(category);
        List<JsonNode> out = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Json.MAPPER.readTree(f.toFile()).path("cases").forEach(out::add);
            }
        }
        return out;
    }

    /** The case with the given note. */
    static JsonNode named(String category, String note) throws IOException {
        return inCategory(category).stream()
                .filter(c -> c.path("note").asText().equals(note))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no case " + note + " in " + category));
    }
}
