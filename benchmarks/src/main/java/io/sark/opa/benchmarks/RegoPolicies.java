package io.sark.opa.benchmarks;

import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rego policies under the policy folder, compiled by our pipeline. Each top-level folder holding {@code .rego}
 * files is one policy, with the {@code data.json} at its root; its decisions are the rules that declare a
 * {@code default} (as {@code default allow := false}), one benchmark each: {@code rego:<folder>@<entrypoint>}.
 */
final class RegoPolicies {

    private RegoPolicies() {}

    static List<String> names(Path policies) {
        List<String> names = new ArrayList<>();
        for (Path folder : folders(policies)) {
            try {
                for (String entrypoint : decisions(modules(folder))) {
                    names.add("rego:" + folder.getFileName() + "@" + entrypoint);
                }
            } catch (RuntimeException e) {
                // one policy our parser cannot read must not stop the others' benchmarks
                System.err.println("skipping Rego policy " + folder + ": " + e.getMessage());
            }
        }
        return names;
    }

    static BenchPolicy load(Path policies, String name, byte[] input) {
        String[] parts = name.substring("rego:".length()).split("@", 2);
        Path folder = policies.resolve(parts[0]);
        Map<String, String> sources = sources(folder);
        byte[] wasm = OwnPipeline.compileRego(name, sources, List.of(parts[1]));
        Path data = folder.resolve("data.json");
        return new BenchPolicy(name, wasm, Files.isRegularFile(data) ? read(data) : "{}", parts[1], input);
    }

    private static List<Path> folders(Path policies) {
        if (!Files.isDirectory(policies)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(policies)) {
            return children.filter(Files::isDirectory).filter(f -> !sources(f).isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> sources(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego"))
                    .collect(Collectors.toMap(f -> folder.relativize(f).toString(), RegoPolicies::read,
                            (a, b) -> a, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RegoModule> modules(Path folder) {
        return sources(folder).entrySet().stream().map(e -> RegoParser.parseModule(e.getKey(), e.getValue())).toList();
    }

    /** {@code package a.b} with {@code default allow := …} gives {@code a/b/allow}. */
    private static List<String> decisions(List<RegoModule> modules) {
        TreeSet<String> entrypoints = new TreeSet<>();
        for (RegoModule module : modules) {
            String pkg = path(module.pkg().path());
            for (Rule rule : module.rules()) {
                if (rule.isDefault()) {
                    entrypoints.add(pkg + "/" + path(rule.head().ref()));
                }
            }
        }
        return List.copyOf(entrypoints);
    }

    private static String path(Term.Ref ref) {
        List<String> segments = new ArrayList<>();
        if (ref.head() instanceof Term.Var var && !var.name().equals("data")) {
            segments.add(var.name());
        }
        for (Term term : ref.path()) {
            if (term instanceof Term.Str str) {
                segments.add(str.value());
            }
        }
        return String.join("/", segments);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
