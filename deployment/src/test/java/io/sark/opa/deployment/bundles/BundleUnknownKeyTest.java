package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bundle whose signing.keyid names no configured key stops the application at start, naming both. */
class BundleUnknownKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset("package pair\n\n# METADATA\n# entrypoint: true\na := 1\n"),
                    "policies/pair/pair.rego"))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.sark-opa.services.bundles.url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.sark-opa.bundles.authz.service", "bundles")
            .overrideConfigKey("quarkus.sark-opa.bundles.authz.signing.keyid", "k9")
            .overrideRuntimeConfigKey("quarkus.sark-opa.keys.k1.key", "secret")
            .overrideRuntimeConfigKey("quarkus.sark-opa.keys.k1.algorithm", "HS256")
            .assertException(e -> {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).hasMessage("bundle 'authz': signing.keyid 'k9' names no key in "
                        + "quarkus.sark-opa.keys");
            });

    @Test
    void theApplicationDoesNotStart() {
        // the assertion is on the start-up failure above
    }
}
