package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sark.opa.conformance.CaseResult;
import io.sark.opa.conformance.ConformanceRun;
import io.sark.opa.conformance.KnownFailures;
import io.sark.opa.conformance.PlanOrigin;
import io.sark.opa.conformance.PolicyHost;
import io.sark.opa.engine.Builtins;
import io.sark.opa.plan.PlanCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * OPA's conformance cases compiled from their Rego {@code modules} by {@link RegoCompiler} (instead of from
 * OPA's {@code plan}) and run by the suite's own case runner, counted as the CLI's
 * {@code conformance --from-modules} counts them. The pass count may only rise: {@link #FLOOR}.
 */
class ModulesConformanceTest {
    /** Cases passing when this floor was last raised; raise it as the compiler grows. */
    static final int FLOOR = 1224;

    @Test
    void passCountReachesTheFloor() {
        String dir = System.getProperty("opa.conformance.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "cases")), "opa.conformance.dir not available");
        ConformanceRun run = ConformanceRun.run(Path.of(dir, "cases"), null, PlanCompiler.withBundledRuntime(),
                Builtins.defaults(), PolicyHost.Kind.ENGINE, PlanOrigin.MODULES);
        // cases that fail from OPA's own plan too (builtins, host): not the Rego compiler's doing
        KnownFailures planFailures = KnownFailures.read(Path.of("conformance-known-failures.txt"));
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        int alsoFailFromPlan = 0;
        for (CaseResult r : run.results()) {
            if (r.passed()) {
                continue;
            }
            String note = r.testCase().note();
            if (planFailures.contains(note)) {
                alsoFailFromPlan++;
            } else if (!r.detail().startsWith("rego compile")) {
                System.out.println("mismatch: " + note + ": " + r.detail().replace('\n', ' '));
            }
            reasons.merge(reason(r.detail()), 1, Integer::sum);
            examples.putIfAbsent(reason(r.detail()), note + ": " + r.detail());
        }
        StringBuilder report = new StringBuilder(run.report(false)).append('\n');
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40)
                .forEach(e -> report.append(String.format("%5d  %s%n         e.g. %s%n", e.getValue(), e.getKey(),
                        examples.get(e.getKey()).replace('\n', ' '))));
        report.append("compiled from modules: ").append(run.passed()).append(" passed, ").append(run.failed())
                .append(" failed (").append(alsoFailFromPlan).append(" of them also fail from OPA's plan)");
        System.out.println(report);
        assertThat(run.results()).hasSizeGreaterThan(1000);
        assertThat(run.passed()).as("conformance cases passing when compiled from Rego").isGreaterThanOrEqualTo(FLOOR);
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
