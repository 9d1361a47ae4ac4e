package io.sark.opa.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sark.opa.runtime.bundles.BundleOutcome;
import io.sark.opa.runtime.bundles.BundlePollers;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bundle downloads and activations as Micrometer meters (see docs/bundles-at-run-time.md):
 * {@code sark.opa.bundle.downloads} and {@code sark.opa.bundle.activations} (tags {@code bundle}, {@code result}),
 * the gauge {@code sark.opa.bundle.last.activation}, seconds since the epoch of the last activation, and the gauge
 * {@code sark.opa.bundle.revision}, 1 tagged with the active {@code revision} (the data revision), the gauge of a
 * replaced revision removed. A bean only when the application has quarkus-micrometer.
 */
@Singleton
public class BundleMeters {

    private final MeterRegistry registry;
    private final BundlePollers pollers;
    private final Map<String, AtomicLong> lastActivation = new ConcurrentHashMap<>();
    private final Map<String, Meter.Id> revisionGauges = new ConcurrentHashMap<>();

    BundleMeters(MeterRegistry registry, BundlePollers pollers) {
        this.registry = registry;
        this.pollers = pollers;
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
            revision(outcome.bundle());
        }
    }

    private void revision(String bundle) {
        String revision = pollers.revisions().get(bundle);
        revisionGauges.compute(bundle, (name, previous) -> {
            if (previous != null && previous.getTag("revision").equals(revision)) {
                return previous;
            }
            if (previous != null) {
                registry.remove(previous);
            }
            return Gauge.builder("sark.opa.bundle.revision", () -> 1)
                    .tags("bundle", name, "revision", revision == null ? "" : revision)
                    .description("The bundle's active revision, in its tag")
                    .register(registry).getId();
        });
    }
}
