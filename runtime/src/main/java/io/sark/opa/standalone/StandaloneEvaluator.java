package io.sark.opa.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.Cache;
import io.quarkus.cache.runtime.CacheManagerImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheImpl;
import io.quarkus.cache.runtime.caffeine.CaffeineCacheInfo;
import io.quarkus.runtime.configuration.DurationConverter;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.cache.DecisionCache;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.EnginePolicyEvaluator;
import io.sark.opa.runtime.engine.EvaluationObserver;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.engine.PolicyRegistry;
import io.sark.opa.runtime.json.Digest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PolicyEvaluator} without CDI, for tests and benchmarks: the extension's own evaluator, deciding in
 * process with the given policies, its settings read through the extension's config mapping (defaults, then
 * what {@link Builder#config} sets), and a quarkus-cache Caffeine cache per entrypoint as Quarkus would make
 * it. No remote engine, no metrics.
 *
 * <pre>{@code
 * PolicyEvaluator evaluator = StandaloneEvaluator.builder()
 *         .policy(policy, module, data)
 *         .config("quarkus.sark-opa.cache.enabled", "true")
 *         .build();
 * }</pre>
 */
public final class StandaloneEvaluator {

    private StandaloneEvaluator() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private record Policy(OpaPolicy policy, byte[] module, byte[] data) {}

        private final List<Policy> policies = new ArrayList<>();
        private final Map<String, String> config = new HashMap<>();
        private long cacheMaximumSize = 10_000;
        private ObjectMapper mapper = new ObjectMapper();

        private Builder() {}

        /**
         * A policy to decide with; {@code module} and {@code data} are what it was built from, and identify it in
         * decision-cache keys.
         */
        public Builder policy(OpaPolicy policy, byte[] module, byte[] data) {
            policies.add(new Policy(policy, module, data));
            return this;
        }

        /** A {@code quarkus.sark-opa.*} setting, as in {@code application.properties}. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Entries each entrypoint's decision cache keeps at most (docs/cache.md asks users to bound it). */
        public Builder cacheMaximumSize(long entries) {
            this.cacheMaximumSize = entries;
            return this;
        }

        /** The mapper that writes inputs other than JSON text, bytes and Vert.x JSON. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        public PolicyEvaluator build() {
            SarkOpaConfig settings = settings();
            Map<String, Cache> caches = new HashMap<>();
            List<LoadedPolicy> loaded = new ArrayList<>();
            for (Policy p : policies) {
                loaded.add(new LoadedPolicy(p.policy(), "", Digest.sha256(p.module(), p.data()), settings));
                for (String entrypoint : p.policy().entrypoints().keySet()) {
                    CaffeineCacheInfo info = new CaffeineCacheInfo();
                    info.name = DecisionCache.PREFIX + entrypoint;
                    info.maximumSize = cacheMaximumSize;
                    caches.put(info.name, new CaffeineCacheImpl(info, false));
                }
            }
            DecisionCache cache = new DecisionCache(new CacheManagerImpl(caches), settings.cache(), EvaluationObserver.NONE,
                    new CacheBudget(settings.cache().maxBytes()));
            EmbeddedEngine engine = new EmbeddedEngine(new PolicyRegistry(loaded), cache, EvaluationObserver.NONE,
                    settings.workerThresholdBytes());
            return new EnginePolicyEvaluator(mapper, engine);
        }

        private SarkOpaConfig settings() {
            SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                    .withMapping(SarkOpaConfig.class)
                    .withConverter(Duration.class, 100, new DurationConverter()); // Quarkus's "1s" spelling
            config.forEach(builder::withDefaultValue);
            SmallRyeConfig built = builder.build();
            return built.getConfigMapping(SarkOpaConfig.class);
        }
    }
}
