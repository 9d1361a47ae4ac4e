package io.sark.opa.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.sark.opa.runtime.logs.DecisionLog;
import io.sark.opa.runtime.status.StatusReporter;

/**
 * The decision log (OPA's decision_logs) and status reporter (OPA's status) beans; their meters come with the other
 * meters (ObservabilityProcessor).
 */
class DecisionLogProcessor {

    @BuildStep
    AdditionalBeanBuildItem decisionLogBean() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(DecisionLog.class, StatusReporter.class)
                .setUnremovable().build();
    }
}
