package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A module declaring OPA wasm ABI 2 fails the build. */
class UnsupportedAbiVersionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(WatModules.opaModule(2, 0, "{}", WatModules.ECHO_INPUT)),
                        "policies/x.wasm");
            })
            .assertException(policyBuildFailure("policies/x.wasm", "ABI 2.0", "does not support"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
