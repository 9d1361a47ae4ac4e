package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code demo.wasm} and {@code demo.tar.gz} are both policy {@code demo}: the build fails. */
class DuplicatePolicyNameTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(bundle(Map.of("policy.wasm", demoWasm()))), "policies/demo.tar.gz");
            })
            .assertException(policyBuildFailure("two policies are named 'demo'", "policies/demo.wasm", "policies/demo.tar.gz"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
