package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bundle with data but no wasm module, plan or Rego fails the build. */
class MissingWasmTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(bundle(Map.of("data.json", utf8(DEMO_DATA)))), "policies/x.tar.gz");
            })
            .assertException(policyBuildFailure("policies/x.tar.gz", "has no policy.wasm, no plan.json and no .rego files"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
