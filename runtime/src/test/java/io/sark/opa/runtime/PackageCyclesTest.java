package io.sark.opa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime module's packages depend on one another without a cycle, and the API package
 * ({@code io.sark.opa}) on none of them. Dependencies are read from the compiled classes: every class name a
 * class file mentions (constant pool, signatures) is a dependency, as {@code scripts/package-deps.sh} shows them.
 */
class PackageCyclesTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Pattern CLASS_NAME = Pattern.compile("io/sark/opa/[A-Za-z0-9_/$]+");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> uses = packageDependencies();
        assertThat(uses).as("packages found in %s", CLASSES.toAbsolutePath()).containsKeys("io.sark.opa", "io.sark.opa.runtime.engine");
        assertThat(cycle(uses)).as("a package cycle").isEmpty();
    }

    @Test
    void theApiUsesNoInternalPackage() {
        assertThat(packageDependencies().get("io.sark.opa")).isEmpty();
    }

    /** Each package of the module to the other packages of the module its classes name. */
    private static Map<String, Set<String>> packageDependencies() {
        Map<String, List<String>> mentioned = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String name = CLASSES.relativize(f).toString().replace('\\', '/');
                Matcher names = CLASS_NAME.matcher(new String(read(f), StandardCharsets.ISO_8859_1));
                List<String> out = mentioned.computeIfAbsent(packageOf(name), p -> new ArrayList<>());
                while (names.find()) {
                    out.add(packageOf(names.group()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> uses = new TreeMap<>();
        mentioned.forEach((from, to) -> uses.put(from, new TreeSet<>(to.stream()
                .filter(p -> !p.equals(from) && mentioned.containsKey(p)).toList())));
        return uses;
    }

    /** A path a, b, …, a through the graph, or an empty list when there is none. */
    private static List<String> cycle(Map<String, Set<String>> uses) {
        Set<String> done = new TreeSet<>();
        for (String start : uses.keySet()) {
            List<String> found = walk(start, uses, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> walk(String at, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
        int seen = path.indexOf(at);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(at);
            return cycle;
        }
        if (done.contains(at)) {
            return List.of();
        }
        path.add(at);
        for (String next : uses.getOrDefault(at, Set.of())) {
            List<String> found = walk(next, uses, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(at);
        return List.of();
    }

    private static String packageOf(String internalName) {
        String withoutSuffix = internalName.endsWith(".class") ? internalName.substring(0, internalName.length() - 6) : internalName;
        return withoutSuffix.substring(0, withoutSuffix.lastIndexOf('/')).replace('/', '.');
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
