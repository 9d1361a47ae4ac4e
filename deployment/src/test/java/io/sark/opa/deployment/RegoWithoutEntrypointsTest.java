package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rego with no METADATA entrypoint and none configured fails the build, saying how to name one. */
class RegoWithoutEntrypointsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("package authz\n\nallow if input.admin\n"),
                    "policies/authz.rego"))
            .assertException(policyBuildFailure("policies: Rego policy without entrypoints", "entrypoint: true",
                    "quarkus.sark-opa.entrypoints"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
