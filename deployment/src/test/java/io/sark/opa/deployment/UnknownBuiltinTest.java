package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A module importing a builtin no host implementation provides fails the build. */
class UnknownBuiltinTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 3, "{\"no.such.builtin\":0}",
                        WatModules.ECHO_INPUT)), "policies/x.wasm");
            })
            .assertException(policyBuildFailure("policies/x.wasm", "no.such.builtin", "no host implementation provides"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
