package io.sark.opa.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sark.opa.Decision;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.engine.EvaluationObserver;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.engine.PolicyRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The evaluator's Micrometer meters, under {@code sark.opa.} (see docs/metrics.md). A bean only when the
 * application has quarkus-micrometer, so no Micrometer type is loaded without it. Meters are looked up
 * once per policy and entrypoint, then kept, since evaluations run on event loops.
 */
@Singleton
public class DecisionMetrics implements EvaluationObserver {

    private final MeterRegistry meters;
    private final Map<List<String>, Timer> evaluationTimers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> meteredPolicies = ConcurrentHashMap.newKeySet();
    private volatile PolicyRegistry current = new PolicyRegistry(List.of());

    DecisionMetrics(MeterRegistry meters, CacheBudget cacheBudget) {
        this.meters = meters;
        Gauge.builder("sark.opa.cache.bytes", cacheBudget, CacheBudget::bytes)
                .description("Estimated bytes the in-process decision caches hold (bounded by cache.max-bytes)")
                .baseUnit("bytes")
                .register(meters);
        Gauge.builder("sark.opa.cache.entries", cacheBudget, CacheBudget::entries)
                .description("Decisions the in-process decision caches hold")
                .register(meters);
        FunctionCounter.builder("sark.opa.cache.evictions", cacheBudget, CacheBudget::evictions)
                .description("Decisions evicted to keep the decision caches within cache.max-bytes")
                .register(meters);
    }

    @Override
    public void installed(PolicyRegistry registry) {
        current = registry;
        for (LoadedPolicy policy : registry.policies()) {
            String name = policy.name();
            if (!meteredPolicies.add(name)) {
                continue; // registered at an earlier install (a data update): the meters read whichever registry is current
            }
            FunctionCounter.builder("sark.opa.pool.waits", this, m -> m.ofPolicy(name, p -> p.pool().waits()))
                    .tag("policy", name)
                    .description("Times a worker or virtual thread waited for a free pooled instance")
                    .register(meters);
            Gauge.builder("sark.opa.memory.pages", this, m -> m.ofPolicy(name, LoadedPolicy::memoryPages))
                    .tag("policy", name)
                    .description("Wasm linear-memory pages (64 KiB) held by the policy's instances")
                    .register(meters);
        }
    }

    @Override
    public void engineRan(LoadedPolicy policy, String entrypoint, long nanos) {
        evaluationTimers.computeIfAbsent(List.of(policy.name(), entrypoint), k -> Timer.builder("sark.opa.evaluation")
                .tag("policy", k.get(0)).tag("entrypoint", k.get(1))
                .description("Time the engine took to evaluate an entrypoint; cache hits are not timed")
                .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void decided(LoadedPolicy policy, String entrypoint, Decision decision) {
        count("sark.opa.decisions", policy.name(), entrypoint, Outcome.of(decision).tag());
    }

    @Override
    public void failed(LoadedPolicy policy, String entrypoint, RuntimeException error) {
        count("sark.opa.decisions", policy.name(), entrypoint, Outcome.ERROR.tag());
    }

    @Override
    public void cacheHit(String policy, String entrypoint) {
        count("sark.opa.cache.hits", policy, entrypoint, null);
    }

    @Override
    public void cacheMiss(String policy, String entrypoint) {
        count("sark.opa.cache.misses", policy, entrypoint, null);
    }

    /** {@code outcome} is the decision counter's tag; {@code null} for counters without it. */
    private void count(String name, String policy, String entrypoint, String outcome) {
        List<String> key = outcome == null ? List.of(name, policy, entrypoint)
                : List.of(name, policy, entrypoint, outcome);
        counters.computeIfAbsent(key, k -> {
            Counter.Builder counter = Counter.builder(name).tag("policy", k.get(1)).tag("entrypoint", k.get(2));
            return (outcome == null ? counter : counter.tag("outcome", outcome)).register(meters);
        }).increment();
    }

    /** A value of the current registry's policy {@code name}; NaN while no such policy is loaded. */
    private double ofPolicy(String name, ToDoubleFunction<LoadedPolicy> value) {
        for (LoadedPolicy policy : current.policies()) {
            if (policy.name().equals(name)) {
                return value.applyAsDouble(policy);
            }
        }
        return Double.NaN;
    }
}
