package io.sark.opa.testing;

import java.io.PrintStream;
import java.util.List;

/**
 * Results printed as {@code opa test} prints them: each result that did not pass (every result with
 * {@code verbose}) under its {@code file:row:}, its {@code print} output indented between blank lines, an error's
 * message indented below; then a rule and the summary line {@code N passed, M failed} ({@code , K skipped} when any
 * were), errors counted as failed.
 */
public record TestReport(List<TestResult> results) {

    public TestReport {
        results = List.copyOf(results);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Whether every test ran and passed: a skipped test does not pass, as {@code opa test} exits non-zero for it. */
    public boolean allPassed() {
        return count(Outcome.PASS) == results.size();
    }

    /** {@code N passed, M failed}, and {@code , K skipped} when any were. */
    public String summary() {
        long skipped = count(Outcome.SKIPPED);
        return count(Outcome.PASS) + " passed, " + (count(Outcome.FAIL) + count(Outcome.ERROR)) + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    public void print(PrintStream out, boolean verbose) {
        String lastFile = null;
        boolean printed = false;
        for (TestResult r : results) {
            if (!verbose && r.outcome() == Outcome.PASS) {
                continue;
            }
            if (lastFile != null && !lastFile.equals(r.test().file())) {
                out.println();
            }
            lastFile = r.test().file();
            out.println(r.test().location() + ":");
            out.println(r.line());
            printOutput(out, r.output());
            if (!r.message().isEmpty() && r.outcome() != Outcome.PASS) {
                out.println("  " + r.message());
            }
            printed = true;
        }
        if (printed) {
            out.println("-".repeat(80));
        }
        out.println(summary());
    }

    /** As OPA's PrettyReporter (v1/tester/reporter.go): trimmed, two spaces before each line, a blank line around. */
    private static void printOutput(PrintStream out, String output) {
        String text = output.strip();
        if (text.isEmpty()) {
            return;
        }
        out.println();
        text.lines().forEach(line -> out.println("  " + line));
        out.println();
    }
}
