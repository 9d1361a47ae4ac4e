package io.sark.opa;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.CacheManager;
import io.sark.opa.remote.EngineRouter;
import io.sark.opa.runtime.EvaluationObserver;
import io.sark.opa.runtime.LoadedPolicy;
import io.sark.opa.runtime.PolicyRegistry;
import io.sark.opa.runtime.SarkOpaConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Evaluates the application's OPA policies in process. Decisions come from wasm that Chicory compiled to
 * JVM bytecode at build time. On a Vert.x event loop an evaluation runs on that thread's own instance,
 * without waiting on a lock; other threads borrow from a bounded pool. Failures are failed {@code Uni}s
 * (or exceptions from {@link #evaluateBlocking}) carrying {@code io.sark.opa.engine.OpaException}s: an
 * error is never a decision.
 */
@Singleton
public class PolicyEvaluator {

    private final InputEncoder inputEncoder;
    private final DecisionCache cache;
    private final EngineRouter engines;
    private final EvaluationObserver observer;
    private final LongAdder engineEvaluations = new LongAdder();
    private volatile PolicyRegistry registry = new PolicyRegistry(List.of());

    @Inject
    PolicyEvaluator(ObjectMapper mapper, CacheManager caches, SarkOpaConfig config, EngineRouter engines,
            Instance<EvaluationObserver> observers) {
        this(mapper, caches, config, engines, observers.isResolvable() ? observers.get() : EvaluationObserver.NONE);
    }

    PolicyEvaluator(ObjectMapper mapper, CacheManager caches, SarkOpaConfig config, EngineRouter engines,
            EvaluationObserver observer) {
        this.inputEncoder = new InputEncoder(mapper);
        this.observer = observer;
        this.cache = new DecisionCache(caches, config.cache(), observer);
        this.engines = engines;
    }

    /**
     * Evaluates the entrypoint at {@code path} ({@code authz/allow}, {@code authz.allow} and
     * {@code data.authz.allow} are the same) against {@code input}: a Vert.x {@code JsonObject}/{@code JsonArray},
     * a {@code Map}, a Jackson node, a POJO, or JSON text ({@code String}) or bytes; {@code null} for no input.
     * The evaluation runs when the {@code Uni} is subscribed to, on the subscribing thread, or on the remote
     * OPA server when the entrypoint's engine says so ({@code quarkus.sark-opa.remote}, docs/remote.md).
     */
    public Uni<Decision> evaluate(String path, Object input) {
        return Uni.createFrom().deferred(() -> {
            String entrypoint = EntrypointPath.normalize(path);
            byte[] json = inputEncoder.encode(input);
            return engines.evaluate(entrypoint, json, () -> evaluateEmbedded(entrypoint, json));
        });
    }

    /**
     * As {@link #evaluate}, on the calling thread (which waits for a remote engine). Throws
     * {@code io.sark.opa.engine.OpaException}s.
     */
    public Decision evaluateBlocking(String path, Object input) {
        String entrypoint = EntrypointPath.normalize(path);
        byte[] json = inputEncoder.encode(input);
        if (engines.embeddedOnly(entrypoint)) {
            return evaluateEmbedded(entrypoint, json);
        }
        return engines.evaluate(entrypoint, json, () -> evaluateEmbedded(entrypoint, json)).await().indefinitely();
    }

    private Decision evaluateEmbedded(String entrypoint, byte[] json) {
        LoadedPolicy policy = registry.policyFor(entrypoint);
        try {
            Decision decision = Decision.fromResultSet(policy.name(), entrypoint,
                    cache.resultSet(policy, entrypoint, json, () -> evaluateOnEngine(policy, entrypoint, json)));
            observer.decided(policy, entrypoint, decision);
            return decision;
        } catch (RuntimeException e) {
            observer.failed(policy, entrypoint, e);
            throw e;
        }
    }

    private String evaluateOnEngine(LoadedPolicy policy, String entrypoint, byte[] json) {
        engineEvaluations.increment();
        long start = System.nanoTime();
        try {
            return policy.evaluate(entrypoint, json);
        } finally {
            observer.engineRan(policy, entrypoint, System.nanoTime() - start);
        }
    }

    /** Evaluations the engine ran, failed ones included; decisions answered from the cache are not counted. */
    public long engineEvaluations() {
        return engineEvaluations.sum();
    }

    /** The policies loaded now. */
    public PolicyRegistry registry() {
        return registry;
    }

    /** Swaps in a new set of policies at once: each evaluation sees either the old set or the new one. */
    public void install(PolicyRegistry registry) {
        this.registry = registry;
        observer.installed(registry);
    }
}
