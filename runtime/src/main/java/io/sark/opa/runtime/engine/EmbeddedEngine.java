package io.sark.opa.runtime.engine;

import io.quarkus.cache.CacheManager;
import io.quarkus.runtime.Startup;
import io.sark.opa.Decision;
import io.sark.opa.engine.InputAsRead;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.cache.DecisionCache;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides with the policies compiled into the application, through the decision cache: on the calling thread,
 * or on a worker when a large input arrives on an event loop.
 * Created at start-up, so that the policies are loaded (and their meters registered) before the first request.
 */
@Startup
@Singleton
public class EmbeddedEngine implements DecisionEngine {

    private final DecisionCache cache;
    private final EvaluationObserver observer;
    private final LongAdder engineEvaluations = new LongAdder();
    private final int workerThresholdBytes;
    private volatile PolicyRegistry registry;

    @Inject
    EmbeddedEngine(PolicyRegistry policies, CacheManager caches, CacheBudget budget, SarkOpaConfig config,
            Instance<EvaluationObserver> observers) {
        this(policies, caches, budget, config, observers.isResolvable() ? observers.get() : EvaluationObserver.NONE);
    }

    private EmbeddedEngine(PolicyRegistry policies, CacheManager caches, CacheBudget budget, SarkOpaConfig config,
            EvaluationObserver observer) {
        this(policies, new DecisionCache(caches, config.cache(), observer, budget), observer,
                config.workerThresholdBytes());
    }

    /** @param workerThresholdBytes input larger than this leaves the event loop for a worker thread */
    public EmbeddedEngine(PolicyRegistry policies, DecisionCache cache, EvaluationObserver observer,
            int workerThresholdBytes) {
        this.cache = cache;
        this.observer = observer;
        this.workerThresholdBytes = workerThresholdBytes;
        install(policies);
    }

    @Override
    public Uni<Decision> evaluate(String entrypoint, Input input) {
        return Uni.createFrom().deferred(() -> {
            Uni<Decision> decision = Uni.createFrom().item(() -> evaluateBlocking(entrypoint, input));
            // the work grows with the input: a large one must not hold up every request on this event loop
            return textLength(entrypoint, input) > workerThresholdBytes && Context.isOnEventLoopThread()
                    ? decision.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    : decision;
        });
    }

    // input as objects gets its text written only for an entrypoint that reads all of it; else only the parts read
    private int textLength(String entrypoint, Input input) {
        int known = input.knownLength();
        if (known >= 0) {
            return known;
        }
        return registry.policyFor(entrypoint).policy().inputPaths().of(entrypoint).whole() ? input.json().length : 0;
    }

    @Override
    public Decision evaluateBlocking(String entrypoint, Input input) {
        long start = System.nanoTime(); // the timeout counts the cache key and the input checks too
        LoadedPolicy policy = registry.policyFor(entrypoint);
        try {
            // only what the entrypoint reads: inputs that differ elsewhere share a cache entry
            // text input can be answered by its exact bytes before any scan; objects are only ever projected
            Decision decision = cache.decision(policy.name(), policy.revision(), policy.fingerprint(), entrypoint,
                    input.writtenJson(), () -> input.readBy(policy.policy(), entrypoint),
                    read -> run(policy, entrypoint, read, start));
            observer.decided(policy, entrypoint, decision);
            return decision;
        } catch (RuntimeException e) {
            observer.failed(policy, entrypoint, e);
            throw e;
        }
    }

    private String run(LoadedPolicy policy, String entrypoint, InputAsRead input, long requestStart) {
        engineEvaluations.increment();
        long start = System.nanoTime();
        try {
            return policy.evaluate(entrypoint, input, requestStart);
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
    public void install(PolicyRegistry policies) {
        this.registry = policies;
        observer.installed(policies);
    }
}
