package io.sark.opa.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Rego module of OPA's conformance cases (folder in system property {@code opa.conformance.dir}, read in
 * place) parses as v0, and printing it back gives text that parses to the same printed form.
 */
class ConformanceModulesParseTest {

    @Test
    void everyConformanceModuleParses() throws IOException {
        Map<String, String> modules = modules();
        List<String> failures = new ArrayList<>();
        int printed = 0;
        for (Map.Entry<String, String> m : modules.entrySet()) {
            RegoModule module;
            try {
                module = RegoParser.parseModule("module.rego", m.getValue(), RegoVersion.V0);
            } catch (RegoParseException e) {
                failures.add(m.getKey() + ": " + e.getMessage() + "\n" + m.getValue());
                continue;
            }
            if (usesFutureKeywordAsName(m.getValue(), module)) {
                continue; // v0 text naming a variable `in` cannot be printed as v1
            }
            String once = RegoPrinter.print(module);
            String twice;
            try {
                twice = RegoPrinter.print(RegoParser.parseModule("printed.rego", once, RegoVersion.V1));
            } catch (RegoParseException e) {
                failures.add(m.getKey() + ": printed form does not parse: " + e.getMessage() + "\n" + once);
                continue;
            }
            if (!once.equals(twice)) {
                failures.add(m.getKey() + ": printing is not stable:\n" + once + "\n---\n" + twice);
                continue;
            }
            printed++;
        }
        failures.forEach(System.out::println);
        System.out.printf("conformance modules parsed: %d of %d (round trip stable: %d)%n",
                modules.size() - failures.size(), modules.size(), printed);
        assertThat(modules).hasSizeGreaterThan(1000);
        assertThat(failures).isEmpty();
    }

    /** The cases' {@code query} fields parse as v0 queries too (a later stage compiles them). */
    @Test
    void everyConformanceQueryParses() throws IOException {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode c : cases()) {
            if (c.has("query")) {
                count++;
                try {
                    RegoParser.parseQuery("query.rego", c.get("query").asText(), RegoVersion.V0);
                } catch (RegoParseException e) {
                    failures.add(c.path("note").asText() + ": " + e.getMessage());
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.printf("conformance queries parsed: %d of %d%n", count - failures.size(), count);
        assertThat(failures).isEmpty();
    }

    /** Truncated and damaged modules fail with a RegoParseException, never with another exception. */
    @Test
    void damagedModulesFailCleanly() throws IOException {
        Random random = new Random(42);
        List<String> crashes = new ArrayList<>();
        for (String text : modules().values()) {
            for (int k = 0; k < 6; k++) {
                int i = random.nextInt(text.length());
                String damaged = switch (k % 3) {
                    case 0 -> text.substring(0, i);
                    case 1 -> text.substring(0, i) + text.substring(Math.min(text.length(), i + 2));
                    default -> text.substring(0, i) + "{[(|:=,.;\"`-".charAt(random.nextInt(12)) + text.substring(i);
                };
                try {
                    RegoParser.parseModule("damaged.rego", damaged, RegoVersion.V0);
                } catch (RegoParseException expected) {
                    // fine: reported with a location
                } catch (RuntimeException | StackOverflowError e) {
                    crashes.add(e + "\n" + damaged);
                }
            }
        }
        crashes.forEach(System.out::println);
        assertThat(crashes).isEmpty();
    }

    private static boolean usesFutureKeywordAsName(String text, RegoModule module) {
        boolean imported = module.imports().stream().anyMatch(i -> RegoPrinter.term(i.path()).startsWith("future."));
        return module.version() == RegoVersion.V0 && !imported && FUTURE_WORD.matcher(text).find();
    }

    private static final Pattern FUTURE_WORD = Pattern.compile("\\b(if|in|every)\\b");

    private static Path casesDir() {
        String dir = System.getProperty("opa.conformance.dir", "../../shared/opa-conformance");
        Path cases = Path.of(dir, "cases");
        assumeTrue(Files.isDirectory(cases), "opa.conformance.dir not available: " + cases);
        return cases;
    }

    private static List<Path> caseFiles(Path cases) throws IOException {
        try (Stream<Path> s = Files.walk(cases)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<JsonNode> cases() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : caseFiles(casesDir())) {
            new ObjectMapper().readTree(f.toFile()).path("cases").forEach(out::add);
        }
        return out;
    }

    /** Distinct module texts, keyed by where they first occur. */
    private static Map<String, String> modules() throws IOException {
        Path cases = casesDir();
        ObjectMapper json = new ObjectMapper();
        Map<String, String> byText = new LinkedHashMap<>();
        for (Path f : caseFiles(cases)) {
            int caseIndex = 0;
            for (JsonNode c : json.readTree(f.toFile()).path("cases")) {
                int i = 0;
                for (JsonNode m : c.path("modules")) {
                    byText.putIfAbsent(m.asText(), cases.relativize(f) + " case " + caseIndex + " ("
                            + c.path("note").asText() + ") module " + i++);
                }
                caseIndex++;
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        byText.forEach((text, note) -> out.put(note, text));
        return out;
    }
}
