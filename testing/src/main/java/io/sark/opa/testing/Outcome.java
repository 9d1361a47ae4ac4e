package io.sark.opa.testing;

/** What became of a Rego test, in {@code opa test}'s words. */
public enum Outcome {
    /** The rule is defined and true. */
    PASS,
    /** The rule is undefined, or has a value other than true. */
    FAIL,
    /** Evaluation stopped with an error (a conflict, a timeout), or the test could not be compiled. */
    ERROR,
    /** A {@code todo_test_} rule: not run. */
    SKIPPED
}
