package io.sark.opa.conformance;

/** The outcome of one case, with what went wrong when it failed. */
public record CaseResult(ConformanceCase testCase, boolean passed, String detail) {
    static CaseResult pass(ConformanceCase c) {
        return new CaseResult(c, true, "");
    }

    static CaseResult fail(ConformanceCase c, String detail) {
        return new CaseResult(c, false, detail);
    }
}
