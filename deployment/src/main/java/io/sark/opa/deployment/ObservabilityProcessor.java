package io.sark.opa.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import java.util.List;
import java.util.Optional;

/**
 * Metrics when the application has quarkus-micrometer, a readiness check when it has SmallRye Health;
 * without them neither bean exists, so their types are never loaded.
 */
class ObservabilityProcessor {

    /** Decision meters, and quarkus-cache's own Caffeine meters (evictions among them) for each decision cache. */
    @BuildStep
    void metrics(Optional<MetricsCapabilityBuildItem> metrics, List<CompiledPolicyBuildItem> compiled,
            BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (metrics.isEmpty() || !metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            return;
        }
        beans.produce(unremovable("io.sark.opa.runtime.metrics.DecisionMetrics"));
        beans.produce(unremovable("io.sark.opa.runtime.metrics.BundleMeters"));
        beans.produce(unremovable("io.sark.opa.runtime.metrics.DecisionLogMetrics"));
        beans.produce(unremovable("io.sark.opa.runtime.metrics.StatusMeters"));
        compiled.stream().flatMap(p -> p.entrypoints().stream()).forEach(e -> defaults.produce(
                new RunTimeConfigurationDefaultBuildItem("quarkus.cache.caffeine.\"sark-opa:" + e + "\".metrics-enabled", "true")));
    }

    @BuildStep
    void readiness(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(unremovable("io.sark.opa.runtime.health.PolicyReadinessCheck"));
        }
    }

    // by name: the classes implement Micrometer and SmallRye Health types, absent from some applications
    private static AdditionalBeanBuildItem unremovable(String beanClass) {
        return AdditionalBeanBuildItem.builder().addBeanClasses(beanClass).setUnremovable().build();
    }
}
