package io.sark.opa.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

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

    /**
     * Entrypoints of the Rego policies ({@code authz/allow}, {@code authz.allow} or {@code data.authz.allow}),
     * compiled in beside those their METADATA marks with {@code entrypoint: true}. Each goes to the Rego policy
     * whose rules it names; one that names no rule fails the build.
     */
    Optional<List<String>> entrypoints();
}
