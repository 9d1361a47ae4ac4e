package io.sark.opa.deployment.cache;

import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheInfo;
import io.sark.opa.runtime.cache.DecisionCache;
import io.sark.opa.runtime.config.SarkOpaConfig;

/** Decision caches outside Quarkus, for tests of the cache's own rules. */
final class CacheFixtures {

    private CacheFixtures() {}

    /** The cache of {@code entrypoint} with no maximum-size: quarkus-cache's default. */
    static CaffeineCacheImpl unboundedCache(String entrypoint) {
        CaffeineCacheInfo info = new CaffeineCacheInfo();
        info.name = DecisionCache.PREFIX + entrypoint;
        return new CaffeineCacheImpl(info, false);
    }

    /** The cache on, undefined decisions kept, and these bounds. */
    static SarkOpaConfig.Cache settings(long maxBytes, int maxEntryBytes) {
        return new SarkOpaConfig.Cache() {
            public boolean enabled() { return true; }
            public boolean undefinedDecisions() { return true; }
            public long maxBytes() { return maxBytes; }
            public int maxEntryBytes() { return maxEntryBytes; }
        };
    }
}
