package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailures;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every broken policy is named by one build failure, not only the first one the build met. */
class PolicyProblemsTogetherTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(utf8("this is not a wasm module")), "policies/first.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8("nor is this")), "policies/second.wasm");
            })
            .assertException(policyBuildFailures("policies/first.wasm: not a valid wasm module",
                    "policies/second.wasm: not a valid wasm module"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
