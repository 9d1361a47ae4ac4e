package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.demoBundle;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Once a verification key is configured, an unsigned bundle fails the build. */
class UnsignedBundleRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new ByteArrayAsset(demoBundle("r1")), "policies/demo.tar.gz"))
            .overrideConfigKey("quarkus.sark-opa.keys.k1.key", SignedBundles.SECRET)
            .overrideConfigKey("quarkus.sark-opa.keys.k1.algorithm", "HS256")
            .overrideConfigKey("quarkus.sark-opa.bundle-verification.key-id", "k1")
            .assertException(policyBuildFailure("policies/demo.tar.gz: bundle is not signed"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
