package io.sark.opa;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;
import io.sark.opa.runtime.CanonicalJson;
import io.sark.opa.runtime.LoadedPolicy;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Decisions kept in quarkus-cache, one cache per entrypoint ({@code sark-opa:<entrypoint>}). The key holds
 * the policy revision, so a reload never answers from the old policy's entries.
 */
final class DecisionCache {

    static final String PREFIX = "sark-opa:";

    private final CacheManager caches;
    private final boolean enabled;

    DecisionCache(CacheManager caches, boolean enabled) {
        this.caches = caches;
        this.enabled = enabled;
    }

    /**
     * The cached decision, or {@code evaluation}'s; concurrent misses for one key run it once (the others
     * wait for that result). Failures are not kept. Input that is not JSON skips the cache, so that the
     * engine reports the error.
     */
    Decision get(LoadedPolicy policy, String entrypoint, byte[] input, Supplier<Decision> evaluation) {
        Optional<Cache> cache = enabled ? caches.getCache(PREFIX + entrypoint) : Optional.empty();
        if (cache.isEmpty()) {
            return evaluation.get();
        }
        String canonical;
        try {
            canonical = input == null ? null : CanonicalJson.of(input);
        } catch (IOException e) {
            return evaluation.get();
        }
        Key key = new Key(policy.name(), policy.revision(), entrypoint, canonical);
        try {
            // Caffeine runs the loader on this thread for the first miss; completed futures join at once
            return cache.get().<Key, Decision> get(key, k -> evaluation.get())
                    .subscribeAsCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    record Key(String policy, String revision, String entrypoint, String input) {
    }
}
