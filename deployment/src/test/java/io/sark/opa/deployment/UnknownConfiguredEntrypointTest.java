package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A configured entrypoint that names no rule of any Rego policy fails the build, naming the key and the entrypoint. */
class UnknownConfiguredEntrypointTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset(RegoFixtures.AUTHZ), "policies/authz.rego"))
            .overrideConfigKey("quarkus.sark-opa.entrypoints", "authz/deny")
            .assertException(policyBuildFailure("quarkus.sark-opa.entrypoints", "'authz/deny'", "names no rule"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
