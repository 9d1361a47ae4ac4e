package io.sark.opa.runtime.cache;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;
import io.quarkus.cache.CaffeineCache;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.json.CanonicalJson;
import io.sark.opa.runtime.json.Digest;
import io.sark.opa.runtime.json.ResultSet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decisions kept in quarkus-cache, one cache per entrypoint ({@code sark-opa:<entrypoint>}). The key holds
 * the policy revision and fingerprint, so a reload never answers from the old policy's entries. The
 * cached value is OPA's result-set JSON text: it travels to Redis as it is, and every hit hands the caller
 * a decision of its own (a shared {@code JsonObject} could be changed by one caller under another).
 */
public final class DecisionCache {

    /** Each entrypoint's cache is named {@code PREFIX + entrypoint}. */
    public static final String PREFIX = "sark-opa:";

    private final CacheManager caches;
    private final SarkOpaConfig.Cache config;
    private final CacheObserver observer;
    private final CacheBudget budget;

    public DecisionCache(CacheManager caches, SarkOpaConfig.Cache config, CacheObserver observer, CacheBudget budget) {
        this.caches = caches;
        this.config = config;
        this.observer = observer;
        this.budget = budget;
    }

    /**
     * The cached result set, or {@code evaluation}'s; concurrent misses for one key run it once in a
     * Caffeine cache (the others wait for that result). Failures are not kept, nor undefined decisions when
     * so configured. Input that is not JSON skips the cache, so that the engine reports the error; so do input
     * and decisions larger than {@code max-entry-bytes}.
     *
     * @param revision the policy's bundle revision and {@code fingerprint} its digest: a reload that changes
     *     either never meets the old entries
     */
    public String resultSet(String policy, String revision, String fingerprint, String entrypoint, byte[] input,
            Supplier<String> evaluation) {
        Optional<Cache> cache = config.enabled() ? caches.getCache(PREFIX + entrypoint) : Optional.empty();
        // Redis answers over the network: an event loop must not wait for it, and its own engine is faster
        if (cache.isEmpty() || (RedisDecisions.isRedis(cache.get()) && Context.isOnEventLoopThread())
                || (input != null && input.length > config.maxEntryBytes())) {
            return evaluation.get();
        }
        String canonical;
        try {
            canonical = input == null ? null : CanonicalJson.of(input);
        } catch (IOException e) {
            return evaluation.get();
        }
        Key key = new Key(policy, revision, fingerprint, entrypoint, canonical);
        String present = completedEntry(cache.get(), key);
        if (present != null) {
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
            String resultSet = lookup(cache.get(), key, loader).subscribeAsCompletionStage().toCompletableFuture().join();
            answered = true;
            if (ran.get() && !RedisDecisions.isRedis(cache.get())) {
                budget.kept(cache.get(), key, (canonical == null ? 0 : canonical.length()) + resultSet.length());
            }
            return resultSet;
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotKept notKept) {
                answered = true;
                return notKept.resultSet;
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
    private static String completedEntry(Cache cache, Key key) {
        if (!(cache instanceof CaffeineCache caffeine)) {
            return null;
        }
        CompletableFuture<String> entry = caffeine.getIfPresent(key);
        return entry != null && entry.isDone() && !entry.isCompletedExceptionally() ? entry.join() : null;
    }

    private static Uni<String> lookup(Cache cache, Key key, Function<Object, String> loader) {
        return RedisDecisions.isRedis(cache)
                ? RedisDecisions.get(cache, key.digest(), loader)
                : cache.<Object, String> get(key, loader);
    }

    record Key(String policy, String revision, String fingerprint, String entrypoint, String input) {

        /** A short text of the whole key, for caches outside the process. */
        String digest() {
            return Digest.sha256(utf8(policy), utf8(revision), utf8(fingerprint), utf8(entrypoint), utf8(input));
        }

        private static byte[] utf8(String text) {
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Carries a decision out of the cache's loader so that the cache does not keep it. */
    private static final class NotKept extends RuntimeException {
        final String resultSet;

        NotKept(String resultSet) {
            super(null, null, false, false);
            this.resultSet = resultSet;
        }
    }
}
