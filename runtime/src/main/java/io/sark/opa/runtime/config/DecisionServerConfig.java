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

    /**
     * Whether {@code PUT}, {@code PATCH} and {@code DELETE /v1/data/…} change the embedded policies' data, as
     * OPA's Data API does (see docs/data-at-run-time.md). Off by default: anyone who reaches the API could
     * change every decision; set a {@code token} with it. Off, those methods are answered 405 {@code invalid_operation}. Bodies are
     * bounded as the decision routes' are, by {@code max-input-bytes}.
     */
    @WithDefault("false")
    boolean dataWrites();
}
