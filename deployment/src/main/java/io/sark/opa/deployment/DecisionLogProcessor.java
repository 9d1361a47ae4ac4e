package io.sark.opa.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.sark.opa.runtime.logs.DecisionLog;

/** The decision log bean (OPA's decision_logs); its meters come with the other meters (ObservabilityProcessor). */
class DecisionLogProcessor {

    @BuildStep
    AdditionalBeanBuildItem decisionLogBean() {
        return AdditionalBeanBuildItem.unremovableOf(DecisionLog.class);
    }
}
