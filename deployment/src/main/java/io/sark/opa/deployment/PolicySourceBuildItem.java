package io.sark.opa.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import io.sark.opa.bundle.PolicySource;

/** A policy found in the application's policy folder, read but not yet compiled. */
public final class PolicySourceBuildItem extends MultiBuildItem {

    private final PolicySource source;

    public PolicySourceBuildItem(PolicySource source) {
        this.source = source;
    }

    public PolicySource source() {
        return source;
    }
}
