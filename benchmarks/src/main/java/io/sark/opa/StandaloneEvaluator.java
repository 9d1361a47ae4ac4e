package io.sark.opa;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.Cache;
import io.quarkus.cache.runtime.CacheManagerImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheInfo;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.PolicyRegistry;
import io.sark.opa.runtime.StandaloneRuntime;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * The extension's {@link PolicyEvaluator} outside Quarkus: the same class, with quarkus-cache's Caffeine cache
 * for the entrypoint as Quarkus would make it. Lives in the extension's package only to reach the constructor.
 */
public final class StandaloneEvaluator {

    /** docs/cache.md asks users to bound each entrypoint's cache; this is its example size. */
    static final long MAXIMUM_SIZE = 10_000;

    private StandaloneEvaluator() {}

    public static PolicyEvaluator of(OpaPolicy policy, String entrypoint, boolean cacheEnabled) {
        // Quarkus logs at INFO; unconfigured, JBoss LogManager would build a record for every trace line
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        CaffeineCacheInfo info = new CaffeineCacheInfo();
        info.name = DecisionCache.PREFIX + entrypoint;
        info.maximumSize = MAXIMUM_SIZE;
        Map<String, Cache> caches = Map.of(info.name, new CaffeineCacheImpl(info, false));
        PolicyEvaluator evaluator = new PolicyEvaluator(new ObjectMapper(), new CacheManagerImpl(caches),
                StandaloneRuntime.defaults(cacheEnabled));
        evaluator.install(new PolicyRegistry(List.of(StandaloneRuntime.load(policy, "1", cacheEnabled))));
        return evaluator;
    }
}
