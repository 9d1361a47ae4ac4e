package io.sark.opa.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sark.opa.engine.Builtins;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus of OPA cases beside the project ({@code opa.shared.dir}) run on both paths, OPA's plans and our
 * Rego compiler, each against its floor in conformance-floors.txt. Failures are printed grouped by cause.
 */
class CorpusFloorsTest {
    private static final Path FLOORS = Path.of("conformance-floors.txt");
    /** Explains the failures of the older corpus through OPA's plans. */
    private static final Path KNOWN = Path.of("conformance-known-failures.txt");
    /** Explains, on both paths, every failing case of a v1 category that passes less than 95 %. */
    private static final Path KNOWN_V1 = Path.of("conformance-known-failures-opa-v1.txt");

    record Floor(String corpus, RegoVersion version, PlanOrigin origin, int floor) {
        @Override
        public String toString() {
            return corpus + " " + origin;
        }
    }

    static Stream<Floor> floors() throws IOException {
        return Files.readAllLines(FLOORS).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).map(f -> new Floor(f[0], f[1].equals("0") ? RegoVersion.V0 : RegoVersion.V1,
                        f[2].equals("plan") ? PlanOrigin.OPA_PLAN : PlanOrigin.MODULES, Integer.parseInt(f[3])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floors")
    void passCountReachesTheFloor(Floor floor) {
        String shared = System.getProperty("opa.shared.dir");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, floor.corpus())), floor.corpus() + " not available");
        ConformanceRun run = ConformanceRun.run(Path.of(shared, floor.corpus()), null, PlanCompiler.withBundledRuntime(),
                Builtins.defaults(), floor.origin(), floor.version());
        System.out.println(floor + "\n" + run.report(false) + "\n" + causes(run.results()));
        if (floor.corpus().equals("opa-conformance/cases") && floor.origin() == PlanOrigin.OPA_PLAN) {
            reportAgainstKnownFailures(run.results());
        }
        if (floor.corpus().equals("opa-v1")) {
            assertThat(unexplainedInWeakCategories(run, KnownFailures.read(KNOWN_V1)))
                    .as("failing cases of categories below 95 %% that %s does not explain", KNOWN_V1).isEmpty();
        }
        if (run.passed() > floor.floor()) {
            System.out.println("raise the floor of " + floor + " in " + FLOORS + " to " + run.passed());
        }
        assertThat(run.results()).hasSizeGreaterThan(1000);
        assertThat(run.passed()).as("%s cases passing (floor in %s)", floor, FLOORS).isGreaterThanOrEqualTo(floor.floor());
    }

    @Test
    void knownFailuresGiveAReasonEach() {
        for (Path file : List.of(KNOWN, KNOWN_V1)) {
            KnownFailures known = KnownFailures.read(file);
            assertThat(known.all()).as(file.toString()).isNotEmpty();
            known.all().forEach((note, reason) -> assertThat(reason).as(note).isNotBlank());
        }
    }

    /** The failing cases of every category passing less than 95 % that the known-failures file does not list. */
    private static List<String> unexplainedInWeakCategories(ConformanceRun run, KnownFailures known) {
        Map<String, ConformanceRun.Tally> tallies = run.byCategory();
        return run.results().stream()
                .filter(r -> !r.passed() && !known.contains(r.testCase().note()))
                .filter(r -> {
                    ConformanceRun.Tally t = tallies.get(r.testCase().category());
                    return t.passed() < 0.95 * t.total();
                })
                .map(r -> r.testCase().note() + ": " + r.detail()).toList();
    }

    private static void reportAgainstKnownFailures(List<CaseResult> results) {
        KnownFailures known = KnownFailures.read(KNOWN);
        results.stream().filter(r -> !r.passed() && !known.contains(r.testCase().note()))
                .forEach(r -> System.out.println("not in " + KNOWN + ": " + r.testCase().note() + ": " + r.detail()));
        Set<String> failing = results.stream().filter(r -> !r.passed()).map(r -> r.testCase().note())
                .collect(Collectors.toSet());
        known.all().keySet().stream().filter(n -> !failing.contains(n))
                .forEach(n -> System.out.println("passes now, remove from " + KNOWN + ": " + n));
    }

    /** Failures counted by cause, most frequent first, with one example each. */
    private static String causes(List<CaseResult> results) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        for (CaseResult r : results) {
            if (!r.passed()) {
                String cause = cause(r.detail());
                counts.merge(cause, 1, Integer::sum);
                examples.putIfAbsent(cause, r.testCase().note() + ": " + r.detail().replace('\n', ' '));
            }
        }
        StringBuilder out = new StringBuilder();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40).forEach(e -> out.append(
                String.format("%5d  %s%n         e.g. %s%n", e.getValue(), e.getKey(), examples.get(e.getKey()))));
        return out.toString();
    }

    /** The failure detail without case-specific positions and values. */
    private static String cause(String detail) {
        String d = detail.replaceAll("module\\d+\\.rego:\\d+:\\d+: ", "").replaceAll("\\s+", " ");
        if (d.startsWith("rego compile: ")) {
            return d.length() > 110 ? d.substring(0, 110) : d;
        }
        int colon = d.indexOf(':');
        return colon > 0 && colon < 40 ? d.substring(0, colon) : d.substring(0, Math.min(60, d.length()));
    }
}
