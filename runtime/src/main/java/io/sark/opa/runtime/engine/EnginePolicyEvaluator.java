package io.sark.opa.runtime.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.smallrye.mutiny.Uni;

/**
 * The {@link PolicyEvaluator}: reads the caller's path and input into the engines' form, and asks its engine. Every
 * decision callers get passes here, whichever engine made it (embedded, cached, remote, fallback), so this is where
 * decisions are logged.
 */
public final class EnginePolicyEvaluator implements PolicyEvaluator {

    private final InputEncoder inputEncoder;
    private final DecisionEngine engine;
    private final DecisionLogging log;

    /** Without decision logs (outside Quarkus). */
    public EnginePolicyEvaluator(ObjectMapper mapper, DecisionEngine engine) {
        this(mapper, engine, DecisionLogging.NONE);
    }

    public EnginePolicyEvaluator(ObjectMapper mapper, DecisionEngine engine, DecisionLogging log) {
        this.inputEncoder = new InputEncoder(mapper);
        this.engine = engine;
        this.log = log;
    }

    @Override
    public Uni<Decision> evaluate(String path, Object input) {
        return evaluate(path, input, null);
    }

    /** As {@link #evaluate(String, Object)}; {@code requestedBy} is the client's address, logged with the decision. */
    public Uni<Decision> evaluate(String path, Object input, String requestedBy) {
        return Uni.createFrom().deferred(() -> {
            String entrypoint = EntrypointPath.normalize(path);
            if (!log.enabled()) {
                return engine.evaluate(entrypoint, inputEncoder.input(input));
            }
            byte[] json = inputEncoder.encode(input); // the log keeps all of it
            long start = System.nanoTime();
            return engine.evaluate(entrypoint, Input.json(json))
                    .map(decision -> log.decided(entrypoint, json, decision, System.nanoTime() - start, requestedBy))
                    .onFailure().invoke(e -> log.failed(entrypoint, json, e, System.nanoTime() - start, requestedBy));
        });
    }

    @Override
    public Decision evaluateBlocking(String path, Object input) {
        String entrypoint = EntrypointPath.normalize(path);
        if (!log.enabled()) {
            return engine.evaluateBlocking(entrypoint, inputEncoder.input(input));
        }
        byte[] json = inputEncoder.encode(input); // the log keeps all of it
        long start = System.nanoTime();
        Decision decision;
        try {
            decision = engine.evaluateBlocking(entrypoint, Input.json(json));
        } catch (RuntimeException e) {
            log.failed(entrypoint, json, e, System.nanoTime() - start, null);
            throw e;
        }
        return log.decided(entrypoint, json, decision, System.nanoTime() - start, null);
    }
}
