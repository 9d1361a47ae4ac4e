package io.sark.opa.deployment;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Map;
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

    /**
     * Makes every document of the Rego policies an entrypoint, so that the decision API answers
     * {@code /v1/data/<path>} for any package, rule or document holding them, as an OPA server does. Larger modules
     * and longer builds (see docs/decision-api.md); a document defined by more than one policy is left out.
     */
    @WithDefault("false")
    boolean allEntrypoints();

    /**
     * Keys that bundle signatures verify against, by key id, as OPA's {@code keys} configuration. When any is set,
     * every bundle in the policy folder must carry a {@code .signatures.json} that verifies, or the build fails.
     */
    @ConfigDocMapKey("key-id")
    Map<String, Key> keys();

    /** How bundle signatures are checked, as OPA's {@code bundles.<name>.signing}. */
    BundleVerification bundleVerification();

    /** A verification key: the PEM public key (or HMAC secret) inline or in a file, and its JWS algorithm. */
    interface Key {
        /** The PEM public key or certificate, or the HMAC secret. */
        Optional<String> key();

        /** A file holding the key: a path, or a resource of the application. */
        Optional<String> keyFile();

        /** RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384 or HS512. */
        @WithDefault("RS256")
        String algorithm();
    }

    interface BundleVerification {
        /** The key every signature must verify with, whatever key id the signature names. */
        Optional<String> keyId();

        /** The scope every signature must carry. */
        Optional<String> scope();

        /** Glob patterns (Go's filepath.Match syntax) of bundle files left out of the check. */
        @WithName("exclude-files")
        Optional<List<String>> excludeFiles();
    }
}
