package io.sark.opa.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decision logs (OPA's {@code decision_logs}): every decision as one event in OPA's format, to the console, to a
 * named service, or both. Off unless {@link #console()} is true or {@link #service()} is set; see docs/decision-logs.md.
 */
public interface DecisionLogsConfig {

    /** Writes each event as one JSON line at INFO to the log category {@code sark-opa.decision-log} (OPA's {@code console}). */
    @WithDefault("false")
    boolean console();

    /**
     * Name of a service under {@code quarkus.sark-opa.services} that receives the events: gzip-compressed JSON arrays
     * POSTed to its URL plus {@link #resource()} (OPA's {@code service}).
     */
    Optional<String> service();

    /** Path under the service's URL the events are POSTed to (OPA's {@code resource}). */
    @WithDefault("/logs")
    String resource();

    /**
     * Parts of each event erased before it is logged: paths such as {@code /input/password} or {@code /result/token},
     * under {@code /input} or {@code /result}, segments separated by {@code /} (OPA's simple {@code mask} form).
     * An erased path is listed in the event's {@code erased}. A compiled-in policy with the entrypoint
     * {@code system/log/mask} (OPA's mask policy) adds the paths it returns for each event.
     */
    Optional<List<String>> mask();

    /** Labels added to each event's {@code labels}, beside {@code id} and {@code version} (OPA's top-level {@code labels}). */
    @ConfigDocMapKey("label")
    Map<String, String> labels();

    /** How many events, and how many encoded bytes, may wait for upload. */
    Buffer buffer();

    /** When and in what batches events are uploaded to the service (OPA's {@code reporting}). */
    Upload upload();

    /** Whether any sink is configured. */
    default boolean enabled() {
        return console() || service().isPresent();
    }

    interface Buffer {
        /**
         * Events waiting to be written or uploaded; a decision made when this many wait is not logged, and counted
         * in {@code sark.opa.decision_logs.dropped} (OPA's {@code reporting.buffer_size_limit_events}).
         */
        @WithDefault("10000")
        int maxEvents();

        /**
         * Encoded bytes of the events waiting for upload; an event that would go over is dropped and counted
         * (OPA's {@code reporting.buffer_size_limit_bytes}).
         */
        @WithDefault("33554432")
        long maxBytes();
    }

    interface Upload {
        /** Shortest wait between uploads; each wait is picked at random between this and {@link #maxDelay()} (OPA's {@code reporting.min_delay_seconds}). */
        @WithDefault("300s")
        Duration minDelay();

        /** Longest wait between uploads, also the cap of the back-off after failed uploads (OPA's {@code reporting.max_delay_seconds}). */
        @WithDefault("600s")
        Duration maxDelay();

        /**
         * Largest gzip-compressed body of one upload, in bytes; more events go in further uploads, and an event that
         * alone is larger is dropped (OPA's {@code reporting.upload_size_limit_bytes}).
         */
        @WithDefault("32768")
        int sizeLimitBytes();
    }
}
