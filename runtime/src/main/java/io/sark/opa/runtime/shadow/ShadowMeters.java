package io.sark.opa.runtime.shadow;

import io.sark.opa.ShadowOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Shadow outcomes as the Micrometer counter {@code sark.opa.shadow} (tags {@code outcome}: agree, disagree,
 * error; {@code entrypoint}). A bean only when the application has quarkus-micrometer: the build registers it
 * on that capability, so applications without Micrometer never load this class.
 */
@Singleton
public class ShadowMeters {

    static final String NAME = "sark.opa.shadow";

    private final MeterRegistry registry;

    ShadowMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(@Observes ShadowOutcome outcome) {
        registry.counter(NAME, "outcome", outcome.kind().tag(), "entrypoint", outcome.entrypoint()).increment();
    }
}
