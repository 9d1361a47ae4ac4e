package io.sark.opa.runtime.config;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Run-time settings of the OPA engine. */
@ConfigMapping(prefix = "quarkus.sark-opa")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SarkOpaConfig {

    /** Upper bound of each policy instance's wasm linear memory, in 64 KiB pages (1024 = 64 MiB). */
    @WithDefault("1024")
    int maxMemoryPages();

    /**
     * Instances of each policy shared by worker and virtual threads. Each Vert.x event-loop thread has an
     * instance of its own and never uses the pool.
     */
    @WithDefault("8")
    int poolSize();

    /** How long a worker or virtual thread waits for a free pooled instance before the evaluation fails. */
    @WithDefault("5s")
    Duration poolWait();

    /**
     * Longest an evaluation may take before it is stopped and fails, counted from the moment the engine gets the
     * input: checking it, the cache key and the wasm evaluation all count; {@code 0} disables the limit.
     */
    @WithDefault("1s")
    Duration timeout();

    /** Largest input document accepted, in bytes; larger input fails the evaluation. */
    @WithDefault("1048576")
    int maxInputBytes();

    /**
     * Input larger than this, in bytes, is evaluated on a worker thread when it arrives on a Vert.x event loop, so
     * that parsing and evaluating it cannot hold the event loop up; smaller input stays on the event loop.
     */
    @WithDefault("65536")
    int workerThresholdBytes();

    /** OPA's strict builtin errors: a failing builtin fails the evaluation instead of being undefined. */
    @WithDefault("false")
    boolean strictBuiltinErrors();

    /**
     * Whether all instances of a policy share one read-only copy of its parsed data, each holding only the memory
     * it writes while evaluating. Off, every instance (one per event loop, plus the pool) parses its own copy:
     * memory grows with the instance count, for no gain unless evaluation measures slower with sharing.
     */
    @WithDefault("true")
    boolean sharedData();

    /** The decision cache; see docs/cache.md. */
    Cache cache();

    /** The OPA-compatible decision API; see docs/decision-api.md. */
    io.sark.opa.runtime.config.DecisionServerConfig server();

    /**
     * Remote services by name (OPA's {@code services}): the bundle servers and log receivers the other settings name.
     */
    @io.quarkus.runtime.annotations.ConfigDocMapKey("service")
    java.util.Map<String, ServiceConfig> services();

    /**
     * Bundles downloaded from services while the application runs (OPA's {@code bundles}); see
     * docs/bundles-at-run-time.md.
     */
    @io.quarkus.runtime.annotations.ConfigDocMapKey("bundle")
    java.util.Map<String, BundleConfig> bundles();

    /**
     * Keys that signatures of downloaded bundles verify against, by key id (OPA's {@code keys}). When any is set,
     * every bundle must carry a {@code .signatures.json} that verifies, or it is refused; see
     * docs/bundle-signing.md.
     */
    @io.quarkus.runtime.annotations.ConfigDocMapKey("key-id")
    java.util.Map<String, KeyConfig> keys();

    /** Where bundles with {@code persist=true} are kept between runs (OPA's {@code persistence_directory}). */
    @WithDefault(".sark-opa")
    String persistenceDirectory();

    /** Decision logs in OPA's format, to the console or a service; see docs/decision-logs.md. */
    DecisionLogsConfig decisionLogs();

    /** Status reports in OPA's format, to the console or a service; see docs/status.md. */
    StatusConfig status();

    /** A remote OPA server: engine per entrypoint, fallback and shadow evaluation; see docs/remote.md. */
    io.sark.opa.runtime.config.RemoteConfig remote();

    interface Cache {
        /**
         * Whether decisions are cached, by policy revision, entrypoint and canonical input. Off by default:
         * a policy that reads the clock or calls out would be answered from stale entries. Size and expiry
         * of each entrypoint's cache are quarkus-cache settings of the cache named
         * {@code sark-opa:<entrypoint>}; {@link #maxBytes()} bounds them all together.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Estimated bytes all in-process decision caches hold together (input keys and decisions, characters
         * counted as UTF-16); beyond it the least useful decisions are evicted. Redis-backed caches are not counted.
         */
        @WithDefault("67108864")
        long maxBytes();

        /**
         * Input JSON or decision larger than this, in bytes or characters, is not cached: the decision is
         * evaluated every time. Keeps one large input from taking a large share of {@link #maxBytes()}, and
         * spares building its cache key.
         */
        @WithDefault("16384")
        int maxEntryBytes();

        /**
         * Whether undefined decisions are cached like defined ones. Turn off when "undefined" often means
         * "not yet": data that is about to arrive, or a rule still being written.
         */
        @WithDefault("true")
        boolean undefinedDecisions();
    }
}
