package io.sark.opa.runtime.config;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The OPA-compatible decision API ({@code /v1/data}, {@code /health}) on the application's HTTP server. */
public interface DecisionServerConfig {

    /** Whether the application answers OPA's Data API. Off by default: it exposes every entrypoint. */
    @WithDefault("false")
    boolean enabled();

    /**
     * When set, every {@code /v1/data} request must carry {@code Authorization: Bearer <token>}; others get 401.
     * {@code /health} stays open for probes.
     */
    Optional<String> token();
}
