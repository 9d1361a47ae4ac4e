package io.sark.opa.runtime.routing;

import io.sark.opa.Decision;
import io.sark.opa.NoDecisionException;
import io.sark.opa.runtime.engine.DecisionEngine;
import io.sark.opa.runtime.engine.Input;
import io.smallrye.mutiny.Uni;

/**
 * The primary engine's decision; the fallback's only when the primary could not decide for an infrastructure
 * reason ({@link InfrastructureFailure}). A decision the primary made, defined or undefined, is never replaced.
 */
final class FallbackEngine implements DecisionEngine {

    private final DecisionEngine primary;
    private final DecisionEngine fallback;

    FallbackEngine(DecisionEngine primary, DecisionEngine fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public Uni<Decision> evaluate(String entrypoint, Input input) {
        return primary.evaluate(entrypoint, input).onFailure(InfrastructureFailure::test).recoverWithUni(primaryFailure ->
                fallback.evaluate(entrypoint, input).onFailure().transform(fallbackFailure ->
                        new NoDecisionException(entrypoint, primaryFailure, fallbackFailure)));
    }
}
