package io.sark.opa.conformance;

/** Where a conformance run takes each case's IR plan from. */
public enum PlanOrigin {
    /** The {@code plan} OPA itself produced for the case: tests the plan compiler and the builtins. */
    OPA_PLAN,
    /** Our Rego compiler run on the case's {@code modules}: tests the Rego compiler as well. */
    MODULES
}
