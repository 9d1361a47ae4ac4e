package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every case file ({@code {"cases": [...]}}) under a directory; the category is the first folder below it. */
public final class CaseFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseFiles() {}

    public static List<ConformanceCase> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory of conformance case files");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<ConformanceCase> out = new ArrayList<>();
        for (Path f : files) {
            JsonNode root;
            try {
                root = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(f + ": not a readable case file: " + e.getMessage(), e);
            }
            Path rel = dir.relativize(f);
            String category = rel.getNameCount() > 1 ? rel.getName(0).toString() : stripJson(rel.toString());
            JsonNode cases = root.path("cases");
            for (int i = 0; i < cases.size(); i++) {
                out.add(new ConformanceCase(category, rel.toString(), i, cases.get(i)));
            }
        }
        return out;
    }

    private static String stripJson(String name) {
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
