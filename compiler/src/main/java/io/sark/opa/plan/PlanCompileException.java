package io.sark.opa.plan;

/** A plan that cannot be compiled (unknown function, bad string index, ...), naming where in the plan. */
public final class PlanCompileException extends RuntimeException {
    public PlanCompileException(String message) {
        super(message);
    }
}
