package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.conformance.CaseFiles;
import io.sark.opa.conformance.CaseResult;
import io.sark.opa.conformance.CaseRunner;
import io.sark.opa.conformance.ConformanceCase;
import io.sark.opa.conformance.KnownFailures;
import io.sark.opa.conformance.PolicyHost;
import io.sark.opa.engine.Builtins;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * OPA's conformance cases compiled from their Rego {@code modules} by {@link RegoCompiler} (instead of from
 * OPA's {@code plan}) and run by the suite's own case runner. The pass count may only rise: {@link #FLOOR}.
 */
class ModulesConformanceTest {
    /** Cases passing when this floor was last raised; raise it as the compiler grows. */
    static final int FLOOR = 1093;

    @Test
    void passCountReachesTheFloor() {
        String dir = System.getProperty("opa.conformance.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "cases")), "opa.conformance.dir not available");
        CaseRunner runner = new CaseRunner(PlanCompiler.withBundledRuntime(), Builtins.defaults(), PolicyHost.Kind.ENGINE);
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        // cases that fail from OPA's own plan too (builtins, host): not the Rego compiler's doing
        KnownFailures planFailures = KnownFailures.read(Path.of("conformance-known-failures.txt"));
        int alsoFailFromPlan = 0;
        int passed = 0;
        int total = 0;
        for (ConformanceCase c : CaseFiles.read(Path.of(dir, "cases"))) {
            CaseResult r = run(c, runner);
            int[] tally = byCategory.computeIfAbsent(c.category(), k -> new int[2]);
            total++;
            if (r.passed()) {
                passed++;
                tally[0]++;
            } else {
                tally[1]++;
                if (planFailures.contains(c.note())) {
                    alsoFailFromPlan++;
                } else if (!r.detail().startsWith("rego compile")) {
                    System.out.println("mismatch: " + c.note() + ": " + r.detail().replace('\n', ' '));
                }
                reasons.merge(reason(r.detail()), 1, Integer::sum);
                examples.putIfAbsent(reason(r.detail()), c.note() + ": " + r.detail());
            }
        }
        StringBuilder report = new StringBuilder();
        byCategory.forEach((cat, t) -> report.append(String.format("%-40s %4d passed %4d failed%n", cat, t[0], t[1])));
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40)
                .forEach(e -> report.append(String.format("%5d  %s%n         e.g. %s%n", e.getValue(), e.getKey(),
                        examples.get(e.getKey()).replace('\n', ' '))));
        report.append("compiled from modules: ").append(passed).append(" passed, ").append(total - passed)
                .append(" failed (").append(alsoFailFromPlan).append(" of them also fail from OPA's plan)");
        System.out.println(report);
        assertThat(total).isGreaterThan(1000);
        assertThat(passed).as("conformance cases passing when compiled from Rego").isGreaterThanOrEqualTo(FLOOR);
    }

    private static CaseResult run(ConformanceCase c, CaseRunner runner) {
        ObjectNode json = c.json().deepCopy();
        try {
            List<RegoModule> modules = new ArrayList<>();
            int i = 0;
            for (JsonNode m : c.json().path("modules")) {
                modules.add(RegoParser.parseModule("module" + (i++) + ".rego", m.asText(), RegoVersion.V0));
            }
            json.set("plan", PlanWriter.write(RegoCompiler.compile(modules, c.entrypoints())));
        } catch (RuntimeException | StackOverflowError e) {
            return new CaseResult(c, false, "rego compile: " + e);
        }
        return runner.run(new ConformanceCase(c.category(), c.file(), c.index(), json));
    }

    /** The failure detail without case-specific positions and values, to group failures by cause. */
    private static String reason(String detail) {
        String d = detail.replaceAll("module\\d+\\.rego:\\d+:\\d+: ", "").replaceAll("\\s+", " ");
        if (d.startsWith("rego compile: ")) {
            return d.length() > 110 ? d.substring(0, 110) : d;
        }
        int colon = d.indexOf(':');
        return colon > 0 && colon < 40 ? d.substring(0, colon) : d.substring(0, Math.min(60, d.length()));
    }
}
