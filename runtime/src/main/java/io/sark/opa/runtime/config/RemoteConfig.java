package io.sark.opa.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A remote OPA server reached through its Data API, and which engine decides each entrypoint. */
public interface RemoteConfig {

    /** Base URL of the OPA server, {@code http://opa:8181} or {@code https://...}. */
    Optional<String> url();

    /** Sent as {@code Authorization: Bearer <token>} on every request. */
    Optional<String> token();

    /** How long connecting to the server may take. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** How long the server may stay silent once the request is sent. */
    @WithDefault("2s")
    Duration readTimeout();

    /** Requests in flight at most; a request beyond fails at once instead of queueing. */
    @WithDefault("64")
    int maxConcurrency();

    /**
     * Largest response body read from the server, in bytes; a larger one fails the remote evaluation (and is
     * not read further), as any other failure of the server.
     */
    @WithDefault("1048576")
    int maxResponseBytes();

    /** Trust store for {@code https} (a {@code .p12}/{@code .pfx}, {@code .jks} or PEM {@code .pem}/{@code .crt} file). */
    Optional<String> trustStore();

    /** Password of the trust store (not used for PEM). */
    Optional<String> trustStorePassword();

    /** The engine of entrypoints not listed in {@link #entrypoints()}. */
    @WithDefault("embedded")
    EngineMode engine();

    /** The engine of single entrypoints, keyed by entrypoint ({@code "authz/allow"}). */
    @ConfigDocMapKey("entrypoint")
    Map<String, EngineMode> entrypoints();

    /** Shadow evaluation on the other engine. */
    Shadow shadow();

    interface Shadow {
        /** Whether each decision is also evaluated, in the background, on the engine that did not serve it. */
        @WithDefault("false")
        boolean enabled();

        /** The share of decisions shadowed, from 0 to 1. */
        @WithDefault("1.0")
        double sampleRate();

        /** Entrypoints shadowed; all when empty. */
        Optional<List<String>> entrypoints();

        /** Whether a disagreement's log line carries the full input (else only its SHA-256). */
        @WithDefault("false")
        boolean logInput();
    }
}
