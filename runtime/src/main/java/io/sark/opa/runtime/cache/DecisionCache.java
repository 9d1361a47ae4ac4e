package io.sark.opa.runtime.cache;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;
import io.quarkus.cache.CaffeineCache;
import io.sark.opa.Decision;
import io.sark.opa.engine.InputAsRead;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.json.CanonicalJson;
import io.sark.opa.runtime.json.ResultSet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decisions kept in quarkus-cache, one cache per entrypoint ({@code sark-opa:<entrypoint>}). The key holds
 * the policy revision and fingerprint, so a reload never answers from the old policy's entries. Redis keeps OPA's
 * result-set JSON text, which travels as it is; an in-process cache keeps the decision read from it
 * ({@link KeptDecision}), so that a hit parses nothing and still hands each caller a value no other caller can change.
 */
public final class DecisionCache {

    /** Each entrypoint's cache is named {@code PREFIX + entrypoint}. */
    public static final String PREFIX = "sark-opa:";

    private final CacheManager caches;
    private final SarkOpaConfig.Cache config;
    private final CacheObserver observer;
    private final CacheBudget budget;
    private final Map<String, Cache> byEntrypoint = new ConcurrentHashMap<>();
    // the hashes of exact inputs met once lately: a request id or a timestamp makes most requests unique, and
    // keeping each under its bytes would cost a copy, an entry and its eviction for no hit
    private final HashMarks seen = new HashMarks();
    // the hashes of exact inputs kept under their bytes lately: a look-up by bytes never kept would miss for nothing
    // (a mark lost to another hash only sends those bytes by the canonical key until they are kept again)
    private final HashMarks keptBytes = new HashMarks();

    public DecisionCache(CacheManager caches, SarkOpaConfig.Cache config, CacheObserver observer, CacheBudget budget) {
        this.caches = caches;
        this.config = config;
        this.observer = observer;
        this.budget = budget;
    }

    /**
     * The decision for {@code input}: from the cache, or by {@code evaluation} of the input as the entrypoint reads
     * it ({@code inputAsRead}, which rejects invalid input). Concurrent misses for one key run it once (the others
     * wait for that result). Failures are not kept, nor undefined decisions when so configured. Input that is not
     * JSON skips the cache, so that the engine reports the error; so do input and decisions larger than
     * {@code max-entry-bytes}.
     *
     * <p>An in-process cache first looks the input up by its exact bytes, before any scan; on a miss, by the
     * canonical text of what the entrypoint reads, and keeps the answer under that key, and under the exact bytes
     * too once they come a second time. Redis keeps the canonical key only.
     *
     * @param revision the policy's bundle revision and {@code fingerprint} its digest: a reload that changes
     *     either never meets the old entries
     */
    public Decision decision(String policy, String revision, String fingerprint, String entrypoint, byte[] input,
            Supplier<InputAsRead> inputAsRead, Function<InputAsRead, String> evaluation) {
        Cache cache = config.enabled() ? cacheOf(entrypoint) : null;
        // Redis answers over the network: an event loop must not wait for it, and its own engine is faster
        if (cache == null || (RedisDecisions.isRedis(cache) && Context.isOnEventLoopThread())) {
            return ResultSet.decision(policy, entrypoint, evaluation.apply(inputAsRead.get()));
        }
        ExactInputKey exact = null;
        if (cache instanceof CaffeineCache && input != null && input.length <= config.maxEntryBytes()) {
            exact = new ExactInputKey(policy, revision, fingerprint, entrypoint, input);
            // the bytes answer only while their canonical entry holds the same decision: its expiry, eviction and
            // invalidation end them too, so expire-after-write still bounds how old an answer can be
            if (keptBytes.has(exact.hashCode()) && completedEntry(cache, exact) instanceof ByBytes entry
                    && completedEntry(cache, entry.key()) == entry.kept()) {
                observer.cacheHit(policy, entrypoint);
                return entry.kept().decision();
            }
        }
        InputAsRead read = inputAsRead.get();
        byte[] json = read.json();
        byte[] canonical = json == null || json.length > config.maxEntryBytes() ? null : CanonicalJson.of(json);
        if (json != null && canonical == null) {
            return ResultSet.decision(policy, entrypoint, evaluation.apply(read));
        }
        Key key = new Key(policy, revision, fingerprint, entrypoint, canonical);
        KeptDecision kept;
        try {
            kept = canonicalEntry(cache, key, () -> evaluation.apply(read));
        } catch (NotKept notKept) {
            return ResultSet.decision(policy, entrypoint, notKept.resultSet);
        }
        if (exact != null && seenBefore(exact.hashCode())) {
            ExactInputKey held = exact.kept();
            ((CaffeineCache) cache).put(held, CompletableFuture.completedFuture(new ByBytes(key, kept)));
            keptBytes.mark(held.hashCode());
            budget.kept(cache, held, held.inputBytes() + kept.bytes());
        }
        return kept.decision();
    }

    /** Whether exact input of {@code hash} was met lately; marks it met otherwise. */
    private boolean seenBefore(int hash) {
        if (seen.has(hash)) {
            return true;
        }
        seen.mark(hash);
        return false;
    }

    /** Hashes met lately, one a slot: a later hash in the same slot takes its place. Races only lose a mark. */
    private static final class HashMarks {
        private final int[] slots = new int[1 << 14];

        boolean has(int hash) {
            return slots[hash & (slots.length - 1)] == hash;
        }

        void mark(int hash) {
            slots[hash & (slots.length - 1)] = hash;
        }
    }

    private Cache cacheOf(String entrypoint) {
        Cache cache = byEntrypoint.get(entrypoint); // a hit must not build the cache's name each time
        if (cache == null) {
            cache = caches.getCache(PREFIX + entrypoint).orElse(null);
            if (cache != null) {
                byEntrypoint.put(entrypoint, cache);
            }
        }
        return cache;
    }

    /** The entry under {@code key}, evaluated and kept on a miss; throws {@link NotKept} for a result not kept. */
    private KeptDecision canonicalEntry(Cache cache, Key key, Supplier<String> evaluation) {
        String policy = key.policy();
        String entrypoint = key.entrypoint();
        if (completedEntry(cache, key) instanceof KeptDecision present) {
            observer.cacheHit(policy, entrypoint);
            return present;
        }
        AtomicBoolean ran = new AtomicBoolean();
        Function<Object, String> loader = k -> {
            ran.set(true);
            String resultSet = evaluation.get();
            if (resultSet.length() > config.maxEntryBytes()
                    || (!config.undefinedDecisions() && !ResultSet.isDefined(resultSet))) {
                throw new NotKept(resultSet);
            }
            return resultSet;
        };
        boolean answered = false;
        try {
            // Caffeine runs the loader on this thread for the first miss; completed futures join at once
            KeptDecision kept = lookup(cache, key, loader).subscribeAsCompletionStage().toCompletableFuture().join();
            answered = true;
            if (ran.get() && !RedisDecisions.isRedis(cache)) {
                budget.kept(cache, key, 2L * key.text().inputBytes() + kept.bytes());
            }
            return kept;
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotKept notKept) {
                answered = true;
                throw notKept;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            // a run of the engine is a miss, failed or not; an answer without one is a hit
            if (ran.get()) {
                observer.cacheMiss(policy, entrypoint);
            } else if (answered) {
                observer.cacheHit(policy, entrypoint);
            }
        }
    }

    /** A hit in Caffeine without going through a {@code Uni}: the common case, and the one that must be fast. */
    private static Object completedEntry(Cache cache, Object key) {
        if (!(cache instanceof CaffeineCache caffeine)) {
            return null;
        }
        CompletableFuture<Object> entry = caffeine.getIfPresent(key);
        return entry != null && entry.isDone() && !entry.isCompletedExceptionally() ? entry.join() : null;
    }

    /** Redis keeps the result-set text (it travels as it is); an in-process cache keeps it read. */
    private static Uni<KeptDecision> lookup(Cache cache, Key key, Function<Object, String> loader) {
        return RedisDecisions.isRedis(cache)
                ? RedisDecisions.get(cache, key.text().digest(), loader)
                        .map(resultSet -> new KeptDecision(key.policy(), key.entrypoint(), resultSet))
                : cache.<Object, KeptDecision> get(key,
                        k -> new KeptDecision(key.policy(), key.entrypoint(), loader.apply(k)));
    }

    /** What the exact bytes of an input hold: its canonical key, and the decision kept there when they were stored. */
    private record ByBytes(Key key, KeptDecision kept) {}

    /**
     * A key by the canonical text of what the entrypoint reads ({@link CanonicalJson}): its bytes compared and hashed
     * as exact bytes are, in a key space apart from the input's own exact bytes. No input has an empty text.
     */
    record Key(ExactInputKey text) {

        Key(String policy, String revision, String fingerprint, String entrypoint, byte[] canonical) {
            this(new ExactInputKey(policy, revision, fingerprint, entrypoint, canonical == null ? NO_TEXT : canonical));
        }

        String policy() {
            return text.policy();
        }

        String entrypoint() {
            return text.entrypoint();
        }

        @Override
        public String toString() {
            return "Key[" + text.fields() + "]";
        }
    }

    private static final byte[] NO_TEXT = new byte[0];

    /** Carries a decision out of the cache's loader so that the cache does not keep it. */
    private static final class NotKept extends RuntimeException {
        final String resultSet;

        NotKept(String resultSet) {
            super(null, null, false, false);
            this.resultSet = resultSet;
        }
    }
}
