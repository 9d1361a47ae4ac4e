package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bare module whose {@code name.data.json} is not JSON fails the build, naming that file. */
class InvalidJsonDataBesideModuleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/x.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8("{\"role\": {\"alice\": ")), "policies/x.data.json");
            })
            .assertException(policyBuildFailure("policies/x.data.json", "is not valid JSON"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
