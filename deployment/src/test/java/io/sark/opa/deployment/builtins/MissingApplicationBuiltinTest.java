package io.sark.opa.deployment.builtins;

import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.deployment.BuildFailures;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy calling a builtin that neither OPA's catalogue nor an application bean provides fails the build. */
class MissingApplicationBuiltinTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(TierPlan.class)
                    .addAsResource(new ByteArrayAsset(TierPlan.bundleBytes()), TierPlan.RESOURCE))
            .assertException(BuildFailures.policyBuildFailure(TierPlan.RESOURCE, "'tiers'", "acme.tier",
                    "no host implementation provides", "io.sark.opa.PolicyBuiltin"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
