package io.sark.opa.deployment.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.cache.runtime.CacheManagerImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheInfo;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.cache.CacheObserver;
import io.sark.opa.runtime.cache.DecisionCache;
import io.sark.opa.runtime.config.SarkOpaConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The decision caches hold at most {@code cache.max-bytes} together, though quarkus-cache bounds nothing by
 * default, and input or decisions above {@code cache.max-entry-bytes} are not kept at all.
 */
class CacheBudgetTest {

    private static final String ENTRYPOINT = "authz/allow";
    private static final long MAX_BYTES = 200_000;
    private static final int MAX_ENTRY_BYTES = 4096;

    private final CaffeineCacheImpl quarkusCache = unboundedCache();
    private final CacheBudget budget = new CacheBudget(MAX_BYTES);
    private final DecisionCache decisions = new DecisionCache(
            new CacheManagerImpl(Map.of(DecisionCache.PREFIX + ENTRYPOINT, quarkusCache)), settings(), new CacheObserver() {},
            budget);
    private final AtomicInteger runs = new AtomicInteger();

    private static CaffeineCacheImpl unboundedCache() {
        CaffeineCacheInfo info = new CaffeineCacheInfo(); // no maximum-size: quarkus-cache's default
        info.name = DecisionCache.PREFIX + ENTRYPOINT;
        return new CaffeineCacheImpl(info, false);
    }

    private static SarkOpaConfig.Cache settings() {
        return new SarkOpaConfig.Cache() {
            public boolean enabled() { return true; }
            public boolean undefinedDecisions() { return true; }
            public long maxBytes() { return MAX_BYTES; }
            public int maxEntryBytes() { return MAX_ENTRY_BYTES; }
        };
    }

    private String decide(String input) {
        return decisions.resultSet("p", "r", "f", ENTRYPOINT, input.getBytes(StandardCharsets.UTF_8), () -> {
            runs.incrementAndGet();
            return "[{\"result\":true}]";
        });
    }

    @Test
    void manyDistinctInputsStayWithinTheByteBound() {
        String padding = "x".repeat(3000);
        for (int i = 0; i < 1000; i++) { // about 6 MB of UTF-16 keys if nothing were evicted
            decide("{\"i\":" + i + ",\"pad\":\"" + padding + "\"}");
        }
        assertThat(budget.bytes()).isPositive().isLessThanOrEqualTo(MAX_BYTES);
        assertThat(budget.evictions()).isPositive();
        // the entries quarkus-cache still holds are those the budget records
        assertThat((long) quarkusCache.keySet().size()).isPositive().isEqualTo(budget.entries()).isLessThan(1000);
    }

    @Test
    void inputAboveTheEntryLimitIsNotCached() {
        String large = "{\"pad\":\"" + "x".repeat(MAX_ENTRY_BYTES) + "\"}";
        decide(large);
        decide(large);
        assertThat(runs.get()).isEqualTo(2);
        assertThat(quarkusCache.keySet()).isEmpty();
        decide("{\"small\":true}");
        decide("{\"small\":true}");
        assertThat(runs.get()).isEqualTo(3);
    }
}
