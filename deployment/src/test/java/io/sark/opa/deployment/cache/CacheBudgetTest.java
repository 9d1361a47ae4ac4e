package io.sark.opa.deployment.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.cache.runtime.CacheManagerImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.sark.opa.Decision;
import io.sark.opa.engine.InputAsRead;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.cache.CacheObserver;
import io.sark.opa.runtime.cache.DecisionCache;
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

    private final CaffeineCacheImpl quarkusCache = CacheFixtures.unboundedCache(ENTRYPOINT);
    private final CacheBudget budget = new CacheBudget(MAX_BYTES);
    private final DecisionCache decisions = new DecisionCache(
            new CacheManagerImpl(Map.of(DecisionCache.PREFIX + ENTRYPOINT, quarkusCache)),
            CacheFixtures.settings(MAX_BYTES, MAX_ENTRY_BYTES), new CacheObserver() {}, budget);
    private final AtomicInteger runs = new AtomicInteger();

    private Decision decide(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return decisions.decision("p", "r", "f", ENTRYPOINT, bytes, () -> InputAsRead.of(bytes), read -> {
            runs.incrementAndGet();
            return "[{\"result\":true}]";
        });
    }

    @Test
    void manyDistinctInputsStayWithinTheByteBound() {
        String padding = "x".repeat(3000);
        for (int i = 0; i < 1000; i++) { // about 9 MB of keys if nothing were evicted
            decide("{\"i\":" + i + ",\"pad\":\"" + padding + "\"}");
        }
        assertThat(budget.bytes()).isPositive().isLessThanOrEqualTo(MAX_BYTES);
        assertThat(budget.evictions()).isPositive();
        // the entries quarkus-cache still holds are those the budget records
        assertThat((long) quarkusCache.keySet().size()).isPositive().isEqualTo(budget.entries()).isLessThan(1000);
    }

    @Test
    void theExactBytesEntryIsWeighedWithItsInput() {
        String padding = "y".repeat(2000);
        decide("{\"pad\":\"" + padding + "\"}");
        decide("{\"pad\":\"" + padding + "\"}");
        // one decision met twice, kept under its canonical text and under its exact bytes: both weighed, both evictable
        assertThat(quarkusCache.keySet()).hasSize(2);
        assertThat(budget.entries()).isEqualTo(2);
        assertThat(budget.bytes()).isGreaterThan(2L * padding.length() + padding.length());
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
