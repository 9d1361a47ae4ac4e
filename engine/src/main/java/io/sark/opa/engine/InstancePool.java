package io.sark.opa.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded pool of instances of one policy, for threads that have no instance of their own (workers,
 * virtual threads). Instances are made on demand up to the bound; a broken instance is dropped on return
 * and its place freed for a fresh one.
 */
public final class InstancePool {

    private final OpaPolicy policy;
    private final int size;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<OpaInstance> idle = new ConcurrentLinkedQueue<>();
    private final LongAdder waits = new LongAdder();
    // idle and borrowed instances alike, so the memory gauge sees the ones in use too
    private final Set<OpaInstance> live = ConcurrentHashMap.newKeySet();

    public InstancePool(OpaPolicy policy, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size for policy '" + policy.name() + "' must be positive: " + size);
        }
        this.policy = policy;
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    /** An instance for the caller's exclusive use until {@link #release}; waits up to {@code maxWait}. */
    public OpaInstance borrow(Duration maxWait) {
        if (!permits.tryAcquire()) {
            waits.increment();
            try {
                if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new PoolExhaustedException("no instance of policy '" + policy.name() + "' became free within "
                            + maxWait.toMillis() + " ms (pool size " + size + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PoolExhaustedException("interrupted while waiting for an instance of policy '"
                        + policy.name() + "'");
            }
        }
        OpaInstance instance = idle.poll();
        if (instance != null) {
            return instance;
        }
        try {
            OpaInstance fresh = policy.newInstance();
            live.add(fresh);
            return fresh;
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    public void release(OpaInstance instance) {
        if (instance.isBroken()) {
            live.remove(instance);
        } else {
            idle.offer(instance);
        }
        permits.release();
    }

    /** How often a borrower had to wait for a free instance (for metrics). */
    public long waits() {
        return waits.sum();
    }

    /** Wasm memory pages of the pool's instances, idle and borrowed (for metrics; a racy read is fine). */
    public long memoryPages() {
        return live.stream().mapToLong(OpaInstance::memoryPages).sum();
    }

    public int size() {
        return size;
    }

    public OpaPolicy policy() {
        return policy;
    }
}
