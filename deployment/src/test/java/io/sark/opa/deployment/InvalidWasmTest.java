package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Garbage bytes named {@code .wasm} fail the build. */
class InvalidWasmTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(utf8("this is not a wasm module")), "policies/x.wasm");
            })
            .assertException(policyBuildFailure("policies/x.wasm", "not a valid wasm module"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
