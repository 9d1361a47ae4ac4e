package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two policies with the same entrypoint (two copies of the demo policy) fail the build. */
class SharedEntrypointTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/a.wasm");
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/b.wasm");
            })
            .assertException(policyBuildFailure("entrypoint 'opa/wasm/test/allowed' is in two policies", "policies/a.wasm", "policies/b.wasm"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
