package io.sark.opa.runtime.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.quarkus.cache.Cache;
import io.sark.opa.runtime.config.SarkOpaConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bound on the bytes every in-process decision cache holds together ({@code cache.max-bytes}). quarkus-cache
 * sizes its caches by entry count only, so each kept decision is also recorded here with its estimated size, in a
 * Caffeine cache weighed by bytes; when that one evicts a record, the decision goes from its quarkus-cache cache too.
 * A decision quarkus-cache dropped on its own may stay recorded until evicted here: the bound errs on the safe side.
 */
@Singleton
public class CacheBudget {

    // the key's and the decision's objects and array headers, beside the input's and the result set's characters
    private static final int ENTRY_OVERHEAD_BYTES = 200;

    private record Held(Cache cache, int bytes) {}

    private final com.github.benmanes.caffeine.cache.Cache<Object, Held> records;
    private final LongAdder evictions = new LongAdder();

    @Inject
    CacheBudget(SarkOpaConfig config) {
        this(config.cache().maxBytes());
    }

    public CacheBudget(long maxBytes) {
        this.records = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<Object, Held> weigher((key, held) -> held.bytes())
                .executor(Runnable::run) // evict as the bound is passed, not later on a pool thread
                .removalListener((Object key, Held held, RemovalCause cause) -> {
                    if (cause.wasEvicted() && held != null) {
                        evictions.increment();
                        held.cache().invalidate(key).await().indefinitely(); // an in-process cache: at once
                    }
                })
                .build();
    }

    /** Records a decision {@code cache} now keeps under {@code key}: {@code bytes} of key input and result set. */
    void kept(Cache cache, Object key, long bytes) {
        records.put(key, new Held(cache, (int) Math.min(Integer.MAX_VALUE, ENTRY_OVERHEAD_BYTES + bytes)));
    }

    /** Estimated bytes of the decisions recorded now. */
    public long bytes() {
        records.cleanUp();
        return records.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Decisions recorded now. */
    public long entries() {
        return records.estimatedSize();
    }

    /** Decisions dropped to stay within the bound. */
    public long evictions() {
        return evictions.sum();
    }
}
