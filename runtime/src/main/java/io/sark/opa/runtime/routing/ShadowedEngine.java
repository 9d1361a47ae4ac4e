package io.sark.opa.runtime.routing;

import io.sark.opa.Decision;
import io.sark.opa.runtime.engine.DecisionEngine;
import io.sark.opa.runtime.engine.Input;
import io.sark.opa.runtime.shadow.ShadowEvaluation;
import io.smallrye.mutiny.Uni;

/** The served engine's decision, compared in the background with the shadow engine's for the same input. */
final class ShadowedEngine implements DecisionEngine {

    private final DecisionEngine served;
    private final DecisionEngine shadowEngine;
    private final String shadowName;
    private final ShadowEvaluation shadow;

    ShadowedEngine(DecisionEngine served, DecisionEngine shadowEngine, String shadowName, ShadowEvaluation shadow) {
        this.served = served;
        this.shadowEngine = shadowEngine;
        this.shadowName = shadowName;
        this.shadow = shadow;
    }

    @Override
    public Uni<Decision> evaluate(String entrypoint, Input input) {
        return served.evaluate(entrypoint, input).invoke(decision ->
                shadow.compare(entrypoint, input, decision, shadowName, shadowEngine.evaluate(entrypoint, input)));
    }
}
