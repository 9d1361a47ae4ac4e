package io.sark.opa.runtime.engine;

import io.sark.opa.engine.EvaluationTimeoutException;
import io.sark.opa.engine.InstancePool;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy ready to evaluate: an instance per Vert.x event-loop thread (so an event loop never waits on a
 * lock) and a bounded pool for every other thread.
 */
public final class LoadedPolicy {

    private final OpaPolicy policy;
    private final String revision;
    private final String fingerprint;
    private final InstancePool pool;
    private final ThreadLocal<OpaInstance> eventLoopInstance = new ThreadLocal<>();
    // the event loops' instances, for the memory gauge (the thread locals cannot be listed)
    private final Set<OpaInstance> eventLoopInstances = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private final Duration poolWait;

    /**
     * @param revision the bundle's revision ({@code ""} when it has none), as shown to people
     * @param fingerprint SHA-256 of the module and the data: cache keys carry it, so a reload that changes either (even under the same revision) never meets old entries
     */
    public LoadedPolicy(OpaPolicy policy, String revision, String fingerprint, SarkOpaConfig config) {
        this.policy = policy;
        this.revision = revision;
        this.fingerprint = fingerprint;
        this.pool = new InstancePool(policy, config.poolSize());
        this.timeout = config.timeout();
        this.poolWait = config.poolWait();
    }

    public OpaPolicy policy() {
        return policy;
    }

    public String name() {
        return policy.name();
    }

    public String revision() {
        return revision;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public InstancePool pool() {
        return pool;
    }

    /**
     * Evaluates on the calling thread and returns OPA's result set JSON.
     *
     * @param start {@link System#nanoTime()} when the evaluation began: the time since counts against the timeout
     */
    public String evaluate(String entrypoint, byte[] input, long start) {
        try {
            return evaluate(entrypoint, input, remaining(start));
        } catch (EvaluationTimeoutException e) {
            throw new EvaluationTimeoutException("evaluating '" + entrypoint + "' of policy '" + policy.name()
                    + "' took longer than the timeout of " + timeout.toMillis() + " ms and was stopped", e);
        }
    }

    private String evaluate(String entrypoint, byte[] input, Duration timeout) {
        if (Context.isOnEventLoopThread()) {
            OpaInstance instance = eventLoopInstance.get();
            if (instance == null || instance.isBroken()) {
                if (instance != null) {
                    eventLoopInstances.remove(instance);
                }
                instance = policy.newInstance();
                eventLoopInstance.set(instance);
                eventLoopInstances.add(instance);
            }
            return instance.evaluate(entrypoint, input, timeout);
        }
        OpaInstance instance = pool.borrow(poolWait);
        try {
            return instance.evaluate(entrypoint, input, timeout);
        } finally {
            pool.release(instance);
        }
    }

    private Duration remaining(long start) {
        if (timeout.isZero() || timeout.isNegative()) {
            return timeout;
        }
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        if (left.isZero() || left.isNegative()) {
            throw new EvaluationTimeoutException("no time left before the policy ran");
        }
        return left;
    }

    /** Wasm memory pages held by this policy's instances, event-loop and pooled. */
    public long memoryPages() {
        return pool.memoryPages() + eventLoopInstances.stream().mapToLong(OpaInstance::memoryPages).sum();
    }
}
