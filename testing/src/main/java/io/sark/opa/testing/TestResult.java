package io.sark.opa.testing;

import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of one Rego test.
 *
 * @param message why it failed or errored (empty when it passed or was skipped)
 * @param output what the test's {@code print} calls wrote, a line each (empty when none)
 */
public record TestResult(RegoTest test, Outcome outcome, String message, Duration duration, String output) {

    /** A result without {@code print} output. */
    public TestResult(RegoTest test, Outcome outcome, String message, Duration duration) {
        this(test, outcome, message, duration, "");
    }

    /** {@code data.a.test_x: FAIL (1.2ms)}, as {@code opa test -v} prints a result. */
    public String line() {
        if (outcome == Outcome.SKIPPED) {
            return test.fullName() + ": " + outcome;
        }
        return test.fullName() + ": " + outcome + " (" + format(duration) + ")";
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.3fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
