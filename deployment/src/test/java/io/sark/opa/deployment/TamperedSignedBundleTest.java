package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A signed bundle whose data changed after signing fails the build, naming the bundle and the file. */
class TamperedSignedBundleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                Map<String, byte[]> files = SignedBundles.signedDemo("k1");
                files.put("data.json", utf8("{\"role\": {\"mallory\": \"admin\"}}"));
                jar.addAsResource(new ByteArrayAsset(bundle(files)), "policies/demo.tar.gz");
            })
            .overrideConfigKey("quarkus.sark-opa.keys.k1.key", SignedBundles.SECRET)
            .overrideConfigKey("quarkus.sark-opa.keys.k1.algorithm", "HS256")
            .assertException(policyBuildFailure("policies/demo.tar.gz: data.json: hash mismatch"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
