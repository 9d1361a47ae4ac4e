package io.sark.opa.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.sark.opa.runtime.routing.EngineRouter;
import io.sark.opa.runtime.remote.RemoteEngine;
import io.sark.opa.runtime.shadow.ShadowEvaluation;
import io.sark.opa.runtime.shadow.ShadowMeters;
import io.sark.opa.runtime.server.DecisionApiRoutes;
import java.util.Optional;

/** The beans of the remote engine, fallback and shadow evaluation, and of the opt-in decision API. */
class RemoteEngineProcessor {

    @BuildStep
    AdditionalBeanBuildItem remoteEngineBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(EngineRouter.class, RemoteEngine.class, ShadowEvaluation.class, DecisionApiRoutes.class)
                .setUnremovable()
                .build();
    }

    /** The shadow meter only where Micrometer is: without it the class would not even load. */
    @BuildStep
    void shadowMeters(Capabilities capabilities, Optional<MetricsCapabilityBuildItem> metrics,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.METRICS) && metrics.isPresent()
                && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ShadowMeters.class));
        }
    }
}
