package io.sark.opa.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sark.opa.runtime.bundles.BundleOutcome;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bundle downloads and activations as Micrometer meters (see docs/bundles-at-run-time.md):
 * {@code sark.opa.bundle.downloads} and {@code sark.opa.bundle.activations} (tags {@code bundle}, {@code result}),
 * and the gauge {@code sark.opa.bundle.last.activation}, seconds since the epoch of the last activation. A bean
 * only when the application has quarkus-micrometer.
 */
@Singleton
public class BundleMeters {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastActivation = new ConcurrentHashMap<>();

    BundleMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(@Observes BundleOutcome outcome) {
        boolean download = outcome.stage().equals(BundleOutcome.DOWNLOAD);
        registry.counter(download ? "sark.opa.bundle.downloads" : "sark.opa.bundle.activations",
                "bundle", outcome.bundle(), "result", outcome.result()).increment();
        if (!download && outcome.result().equals(BundleOutcome.OK)) {
            lastActivation.computeIfAbsent(outcome.bundle(), bundle -> {
                AtomicLong at = new AtomicLong();
                Gauge.builder("sark.opa.bundle.last.activation", at, AtomicLong::get)
                        .tag("bundle", bundle)
                        .baseUnit("seconds")
                        .description("When the bundle was last activated, in seconds since the epoch")
                        .register(registry);
                return at;
            }).set(outcome.epochMillis() / 1000);
        }
    }
}
