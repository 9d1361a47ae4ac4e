package io.sark.opa;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.Cache;
import io.quarkus.cache.runtime.CacheManagerImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheInfo;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.remote.InProcessRouter;
import io.sark.opa.runtime.Digest;
import io.sark.opa.runtime.EvaluationObserver;
import io.sark.opa.runtime.LoadedPolicy;
import io.sark.opa.runtime.PolicyRegistry;
import io.sark.opa.runtime.SarkOpaConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * The extension's {@link PolicyEvaluator} outside Quarkus: the same class, with the settings' defaults read
 * through the same config mapping, and quarkus-cache's Caffeine cache for the entrypoint as Quarkus would make
 * it. Lives in the extension's package only to reach the constructor.
 */
public final class StandaloneEvaluator {

    /** docs/cache.md asks users to bound each entrypoint's cache; this is its example size. */
    static final long MAXIMUM_SIZE = 10_000;

    private StandaloneEvaluator() {}

    public static PolicyEvaluator of(OpaPolicy policy, byte[] module, String data, String entrypoint,
            boolean cacheEnabled) {
        // Quarkus logs at INFO; unconfigured, JBoss LogManager would build a record for every trace line
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        SarkOpaConfig config = settings(cacheEnabled);
        CaffeineCacheInfo info = new CaffeineCacheInfo();
        info.name = DecisionCache.PREFIX + entrypoint;
        info.maximumSize = MAXIMUM_SIZE;
        Map<String, Cache> caches = Map.of(info.name, new CaffeineCacheImpl(info, false));
        PolicyEvaluator evaluator = new PolicyEvaluator(new ObjectMapper(), new CacheManagerImpl(caches), config,
                InProcessRouter.of(config), EvaluationObserver.NONE);
        String fingerprint = Digest.sha256(module, data.getBytes(StandardCharsets.UTF_8));
        evaluator.install(new PolicyRegistry(List.of(new LoadedPolicy(policy, "1", fingerprint, config))));
        return evaluator;
    }

    private static SarkOpaConfig settings(boolean cacheEnabled) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SarkOpaConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "1s" spelling
                .withDefaultValue("quarkus.sark-opa.cache.enabled", Boolean.toString(cacheEnabled))
                .build();
        return config.getConfigMapping(SarkOpaConfig.class);
    }
}
