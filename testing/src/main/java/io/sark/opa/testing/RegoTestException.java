package io.sark.opa.testing;

import java.util.List;

/** The Rego tests cannot be run at all: unreadable files, a syntax error, Rego the compiler rejects. */
public final class RegoTestException extends RuntimeException {
    private final transient List<RegoTest> tests;

    RegoTestException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    RegoTestException(String message, Throwable cause, List<RegoTest> tests) {
        super(message, cause);
        this.tests = List.copyOf(tests);
    }

    /** The tests that were found before the error (none when a file could not be read or parsed). */
    public List<RegoTest> tests() {
        return tests;
    }
}
