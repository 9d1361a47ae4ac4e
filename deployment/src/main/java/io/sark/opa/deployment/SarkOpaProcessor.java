package io.sark.opa.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.cache.deployment.spi.AdditionalCacheNameBuildItem;
import io.sark.opa.ShadowStats;
import io.sark.opa.runtime.SarkOpaBeans;
import io.sark.opa.runtime.cache.CacheBudget;
import io.sark.opa.runtime.bundles.BundlePollers;
import io.sark.opa.runtime.bundles.PolicyBundles;
import io.sark.opa.runtime.data.EmbeddedPolicyData;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import java.util.List;

/** The extension's presence: its feature, its beans, and the policy files dev mode watches. */
class SarkOpaProcessor {

    static final String FEATURE = "sark-opa";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The evaluator, its embedded engine, the data applications change, the shadow counts they read, and the bundle pollers. */
    @BuildStep
    AdditionalBeanBuildItem evaluatorBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(SarkOpaBeans.class, EmbeddedEngine.class, CacheBudget.class, EmbeddedPolicyData.class, ShadowStats.class,
                        BundlePollers.class, PolicyBundles.class)
                .setUnremovable()
                .build();
    }

    /** A quarkus-cache cache per entrypoint, so each can be sized and expired on its own. */
    @BuildStep
    void decisionCaches(List<CompiledPolicyBuildItem> compiled,
            io.quarkus.deployment.annotations.BuildProducer<AdditionalCacheNameBuildItem> names) {
        compiled.stream().flatMap(p -> p.entrypoints().stream())
                .forEach(e -> names.produce(new AdditionalCacheNameBuildItem("sark-opa:" + e)));
    }

    /** Editing, adding or replacing a policy file in dev mode rebuilds the app with it. */
    @BuildStep
    HotDeploymentWatchedFileBuildItem watchPolicies(SarkOpaBuildConfig config) {
        String folder = config.policyPath() + "/";
        return HotDeploymentWatchedFileBuildItem.builder()
                .setLocationPredicate(path -> path.replace('\\', '/').startsWith(folder))
                .setRestartNeeded(true)
                .build();
    }
}
