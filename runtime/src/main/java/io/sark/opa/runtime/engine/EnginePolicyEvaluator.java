package io.sark.opa.runtime.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.smallrye.mutiny.Uni;

/** The {@link PolicyEvaluator}: reads the caller's path and input into the engines' form, and asks its engine. */
public final class EnginePolicyEvaluator implements PolicyEvaluator {

    private final InputEncoder inputEncoder;
    private final DecisionEngine engine;

    public EnginePolicyEvaluator(ObjectMapper mapper, DecisionEngine engine) {
        this.inputEncoder = new InputEncoder(mapper);
        this.engine = engine;
    }

    @Override
    public Uni<Decision> evaluate(String path, Object input) {
        return Uni.createFrom().deferred(() -> engine.evaluate(EntrypointPath.normalize(path), inputEncoder.encode(input)));
    }

    @Override
    public Decision evaluateBlocking(String path, Object input) {
        return engine.evaluateBlocking(EntrypointPath.normalize(path), inputEncoder.encode(input));
    }
}
