package io.sark.opa.runtime.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Status reports (OPA's {@code status}): the state of every bundle, sent at start and whenever a bundle is
 * downloaded, activated or fails, to the console, to a named service, or both. Off unless {@link #console()} is
 * true or {@link #service()} is set; see docs/status.md.
 */
public interface StatusConfig {

    /**
     * Name of a service under {@code quarkus.sark-opa.services} that receives the reports, POSTed as JSON to its URL
     * plus {@code /status/} and the {@link #partitionName()} (OPA's {@code service}).
     */
    Optional<String> service();

    /** Appended to the path reports are POSTed to, {@code /status/<partition-name>} (OPA's {@code partition_name}). */
    Optional<String> partitionName();

    /** Writes each report as one JSON line at INFO to the log category {@code sark-opa.status} (OPA's {@code console}). */
    @WithDefault("false")
    boolean console();

    /** Longest wait between attempts to send a report the service did not accept; the waits double up to it. */
    @WithDefault("60s")
    Duration maxRetryDelay();

    /** Whether any sink is configured. */
    default boolean enabled() {
        return console() || service().isPresent();
    }
}
