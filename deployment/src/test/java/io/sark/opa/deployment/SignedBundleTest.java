package io.sark.opa.deployment;

import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a verification key configured, a bundle whose signature verifies builds and decides. */
class SignedBundleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(
                    new ByteArrayAsset(bundle(SignedBundles.signedDemo("k1"))), "policies/demo.tar.gz"))
            .overrideConfigKey("quarkus.sark-opa.keys.k1.key", SignedBundles.SECRET)
            .overrideConfigKey("quarkus.sark-opa.keys.k1.algorithm", "HS256")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;

    @Test
    void decides() {
        assertThat(evaluator.evaluateBlocking("opa/wasm/test/allowed", Map.of("user", "alice")).allowed()).isTrue();
    }
}
