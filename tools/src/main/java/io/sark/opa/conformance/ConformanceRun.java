package io.sark.opa.conformance;

import io.sark.opa.engine.Builtins;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs the case files of a directory (optionally one category) and tallies the outcomes per category. */
public final class ConformanceRun {
    /** Passed and failed counts of one category. */
    public record Tally(int passed, int failed) {
        Tally add(boolean pass) {
            return new Tally(passed + (pass ? 1 : 0), failed + (pass ? 0 : 1));
        }

        public int total() {
            return passed + failed;
        }
    }

    private final List<CaseResult> results;

    private ConformanceRun(List<CaseResult> results) {
        this.results = results;
    }

    /**
     * Runs every case under {@code dir} (or of one category) from the plans {@code origin} names, the case modules
     * parsed as {@code regoVersion} when {@code origin} is the modules.
     */
    public static ConformanceRun run(Path dir, String category, PlanCompiler compiler, Builtins builtins,
            PlanOrigin origin, RegoVersion regoVersion) {
        CaseRunner runner = new CaseRunner(compiler, builtins, regoVersion);
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase c : CaseFiles.read(dir)) {
            if (category == null || category.equals(c.category())) {
                results.add(runner.run(c, origin));
            }
        }
        return new ConformanceRun(results);
    }

    public List<CaseResult> results() {
        return results;
    }

    public int passed() {
        return (int) results.stream().filter(CaseResult::passed).count();
    }

    public int failed() {
        return results.size() - passed();
    }

    public Map<String, Tally> byCategory() {
        Map<String, Tally> out = new TreeMap<>();
        for (CaseResult r : results) {
            out.merge(r.testCase().category(), new Tally(0, 0).add(r.passed()),
                    (a, b) -> new Tally(a.passed() + b.passed(), a.failed() + b.failed()));
        }
        return out;
    }

    /** The per-category table; its last line is "N passed, M failed". */
    public String report(boolean listFailures) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-40s %7s %7s %7s%n", "category", "passed", "failed", "rate"));
        byCategory().forEach((cat, t) -> sb.append(String.format("%-40s %7d %7d %6.1f%%%n", cat, t.passed(), t.failed(),
                100.0 * t.passed() / Math.max(1, t.total()))));
        if (listFailures) {
            for (CaseResult r : results) {
                if (!r.passed()) {
                    sb.append("FAIL ").append(r.testCase().note()).append(" [").append(r.testCase().file()).append('#')
                            .append(r.testCase().index()).append("]: ").append(r.detail()).append('\n');
                }
            }
        }
        sb.append(passed()).append(" passed, ").append(failed()).append(" failed");
        return sb.toString();
    }
}
