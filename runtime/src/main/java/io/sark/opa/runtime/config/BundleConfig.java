package io.sark.opa.runtime.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A bundle downloaded from a service while the application runs (OPA's {@code bundles.<name>}); see
 * docs/bundles-at-run-time.md: a data bundle replaces the data under its roots, a delta bundle patches it, and a
 * bundle carrying a policy activates that policy.
 */
public interface BundleConfig {

    /** Name of the service in {@code quarkus.sark-opa.services} that serves the bundle (OPA's {@code service}). */
    String service();

    /** Path of the bundle on the service (OPA's {@code resource}); {@code bundles/<name>} when not set. */
    Optional<String> resource();

    /** When the bundle is downloaded again. */
    Polling polling();

    /**
     * Largest bundle accepted, in bytes: the download, and the files of the archive once decompressed. A larger one
     * is refused as it arrives (the last good bundle stays active), so neither a server nor a compressed archive can
     * fill the heap.
     */
    @WithDefault("134217728")
    long maxBytes();

    /**
     * Whether the last activated bundle is written to {@code quarkus.sark-opa.persistence-directory} and
     * activated from there at the next start, before the first download (OPA's {@code persist}).
     */
    @WithDefault("false")
    boolean persist();

    /**
     * Whether the readiness check stays DOWN until this bundle has been activated once, from the service or from
     * the persistence directory (OPA's {@code /health?bundles}).
     */
    @WithDefault("true")
    boolean readinessWaits();

    /** How the bundle's signature is checked (OPA's {@code signing}); see docs/bundle-signing.md. */
    Signing signing();

    interface Signing {
        /** The key the signature must verify with, whatever key id it names (OPA's {@code keyid}). */
        Optional<String> keyid();

        /** The scope the signature must carry; the key's {@code scope} when not set (OPA's {@code scope}). */
        Optional<String> scope();

        /** Glob patterns (Go's filepath.Match syntax) of files left out of the check (OPA's {@code exclude_files}). */
        Optional<List<String>> excludeFiles();

        /** Whether any of the settings is given. */
        default boolean isSet() {
            return keyid().isPresent() || scope().isPresent() || excludeFiles().isPresent();
        }
    }

    interface Polling {
        /** Shortest wait between two downloads (OPA's {@code polling.min_delay_seconds}). */
        @WithDefault("60s")
        Duration minDelay();

        /** Longest wait between two downloads; each wait is drawn at random between the two (OPA's {@code polling.max_delay_seconds}). */
        @WithDefault("120s")
        Duration maxDelay();

        /**
         * How long the service may hold a request until the bundle changes (OPA's
         * {@code polling.long_polling_timeout_seconds}, sent as {@code Prefer: wait=<seconds>}); without it, or
         * when the service does not answer in kind, the bundle is polled.
         */
        Optional<Duration> longPollingTimeout();
    }
}
