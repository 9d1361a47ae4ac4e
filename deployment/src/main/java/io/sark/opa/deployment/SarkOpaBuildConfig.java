package io.sark.opa.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Build-time settings: where the policies are, since they are compiled with the application. */
@ConfigMapping(prefix = "quarkus.sark-opa")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SarkOpaBuildConfig {

    /**
     * The folder of the application's resources ({@code src/main/resources}) that holds its policies:
     * OPA bundles ({@code .tar.gz} or unpacked folders) and bare {@code .wasm} modules.
     */
    @WithDefault("policies")
    String policyPath();
}
