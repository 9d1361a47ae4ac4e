package io.sark.opa.runtime;

import io.sark.opa.engine.InstancePool;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import io.vertx.core.Context;
import java.time.Duration;

/**
 * A policy ready to evaluate: an instance per Vert.x event-loop thread (so an event loop never waits on a
 * lock) and a bounded pool for every other thread.
 */
public final class LoadedPolicy {

    private final OpaPolicy policy;
    private final String revision;
    private final InstancePool pool;
    private final ThreadLocal<OpaInstance> eventLoopInstance = new ThreadLocal<>();
    private final Duration timeout;
    private final Duration poolWait;

    LoadedPolicy(OpaPolicy policy, String revision, SarkOpaConfig config) {
        this.policy = policy;
        this.revision = revision;
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

    public InstancePool pool() {
        return pool;
    }

    /** Evaluates on the calling thread and returns OPA's result set JSON. */
    public String evaluate(String entrypoint, byte[] input) {
        if (Context.isOnEventLoopThread()) {
            OpaInstance instance = eventLoopInstance.get();
            if (instance == null || instance.isBroken()) {
                instance = policy.newInstance();
                eventLoopInstance.set(instance);
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
}
