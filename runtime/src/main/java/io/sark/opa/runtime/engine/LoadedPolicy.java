package io.sark.opa.runtime.engine;

import io.sark.opa.engine.EvaluationTimeoutException;
import io.sark.opa.engine.InputAsRead;
import io.sark.opa.engine.InstancePool;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.json.Digest;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy ready to evaluate: an instance per Vert.x event-loop thread (so an event loop never waits on a
 * lock) and a bounded pool for every other thread. Once {@link #retire retired} (replaced by a successor with
 * other data), it lets go of its instances so that they become garbage.
 */
public final class LoadedPolicy {

    private final OpaPolicy policy;
    private final String revision;
    private final List<List<String>> roots;
    private final String buildFingerprint;
    private final String fingerprint;
    private final int poolSize;
    private volatile InstancePool pool;
    // a thread's slot outlives this policy in the thread's map until the JVM purges it: retire empties the slots
    private final ThreadLocal<Slot> eventLoopSlot = new ThreadLocal<>();
    // the event loops' slots, to empty them and for the memory gauge (the thread locals cannot be listed)
    private final Set<Slot> eventLoopSlots = ConcurrentHashMap.newKeySet();
    private volatile boolean retired;
    private final Duration timeout;
    private final Duration poolWait;

    /** One event loop's instance; written by that loop, emptied by {@link #retire} from any thread. */
    private static final class Slot {
        volatile OpaInstance instance;
    }

    /**
     * @param revision the bundle's revision ({@code ""} when it has none), as shown to people
     * @param fingerprint SHA-256 of the module and the data: cache keys carry it, so a reload that changes either (even under the same revision) never meets old entries
     */
    public LoadedPolicy(OpaPolicy policy, String revision, String fingerprint, SarkOpaConfig config) {
        this(policy, revision, fingerprint, config, List.of());
    }

    /** @param roots the data paths its bundle owns ({@code a/b}); empty for the whole tree */
    public LoadedPolicy(OpaPolicy policy, String revision, String fingerprint, SarkOpaConfig config,
            List<String> roots) {
        this(policy, revision, roots.stream().map(r -> List.of(r.split("/"))).toList(), fingerprint, fingerprint,
                config.poolSize(), config.timeout(), config.poolWait());
    }

    private LoadedPolicy(OpaPolicy policy, String revision, List<List<String>> roots, String buildFingerprint,
            String fingerprint, int poolSize, Duration timeout, Duration poolWait) {
        this.policy = policy;
        this.roots = roots;
        this.revision = revision;
        this.buildFingerprint = buildFingerprint;
        this.fingerprint = fingerprint;
        this.poolSize = poolSize;
        this.pool = new InstancePool(policy, poolSize);
        this.timeout = timeout;
        this.poolWait = poolWait;
    }

    /**
     * This policy over another data document, with instances of its own. Its fingerprint is a digest of the
     * build's fingerprint and the data, so equal data gives equal cache keys, on every replica. One instance is
     * made at once: a module that rejects the data fails here, not in a decision.
     */
    public LoadedPolicy withData(byte[] dataJson) {
        LoadedPolicy next = new LoadedPolicy(policy.withData(dataJson), revision, roots, buildFingerprint,
                Digest.sha256(buildFingerprint.getBytes(StandardCharsets.UTF_8), dataJson), poolSize, timeout,
                poolWait);
        next.policy.newInstance();
        return next;
    }

    /**
     * Called once a successor has replaced this policy: evaluations already running finish with their
     * instances; later ones (that picked this policy just before the swap) use a throw-away instance.
     */
    public void retire() {
        retired = true;
        pool = null;
        for (Slot slot : eventLoopSlots) {
            slot.instance = null;
        }
        eventLoopSlots.clear();
    }

    /** Whether the document at {@code path} (its segments) is under one of the bundle's roots; any is without roots. */
    public boolean covers(List<String> path) {
        return roots.isEmpty() || roots.stream().anyMatch(root -> root.size() <= path.size()
                && root.equals(path.subList(0, root.size())));
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

    /** The pool of instances for threads other than event loops; {@code null} once retired. */
    public InstancePool pool() {
        return pool;
    }

    /**
     * Evaluates on the calling thread and returns OPA's result set JSON.
     *
     * @param start {@link System#nanoTime()} when the evaluation began: the time since counts against the timeout
     */
    public String evaluate(String entrypoint, InputAsRead input, long start) {
        try {
            return evaluate(entrypoint, input, remaining(start));
        } catch (EvaluationTimeoutException e) {
            throw new EvaluationTimeoutException("evaluating '" + entrypoint + "' of policy '" + policy.name()
                    + "' took longer than the timeout of " + timeout.toMillis() + " ms and was stopped", e);
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

    private String evaluate(String entrypoint, InputAsRead input, Duration timeout) {
        InstancePool instances = pool;
        if (instances == null) {
            return policy.newInstance().evaluateAsRead(entrypoint, input, timeout);
        }
        if (Context.isOnEventLoopThread()) {
            return evaluateOnEventLoop(entrypoint, input, timeout);
        }
        OpaInstance instance = instances.borrow(poolWait);
        try {
            return instance.evaluateAsRead(entrypoint, input, timeout);
        } finally {
            instances.release(instance);
        }
    }

    private String evaluateOnEventLoop(String entrypoint, InputAsRead input, Duration timeout) {
        Slot slot = eventLoopSlot.get();
        if (slot == null) {
            slot = new Slot();
            eventLoopSlot.set(slot);
            eventLoopSlots.add(slot);
        }
        OpaInstance instance = slot.instance;
        if (instance == null || instance.isBroken()) {
            instance = policy.newInstance();
            slot.instance = instance;
        }
        try {
            return instance.evaluateAsRead(entrypoint, input, timeout);
        } finally {
            if (retired) {
                slot.instance = null; // retire ran while this loop was filling its slot
            }
        }
    }

    /** Wasm memory pages held by this policy's instances, event-loop and pooled. */
    public long memoryPages() {
        InstancePool instances = pool;
        long pooled = instances == null ? 0 : instances.memoryPages();
        return pooled + eventLoopSlots.stream().map(s -> s.instance).filter(i -> i != null)
                .mapToLong(OpaInstance::memoryPages).sum();
    }
}
