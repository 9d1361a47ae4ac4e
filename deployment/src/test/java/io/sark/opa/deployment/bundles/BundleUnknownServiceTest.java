package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bundle that names a service the configuration does not define stops the application at start, by name. */
class BundleUnknownServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset("package pair\n\n# METADATA\n# entrypoint: true\na := 1\n"),
                    "policies/pair/pair.rego"))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.sark-opa.bundles.authz.service", "missing")
            .assertException(e -> {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).hasMessage("bundle 'authz' names service 'missing', which "
                        + "quarkus.sark-opa.services does not define");
            });

    @Test
    void theApplicationDoesNotStart() {
        // the assertion is on the start-up failure above
    }
}
