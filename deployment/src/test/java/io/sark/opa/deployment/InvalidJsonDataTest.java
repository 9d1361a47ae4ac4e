package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bundle whose {@code data.json} is not JSON fails the build. */
class InvalidJsonDataTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                Map<String, byte[]> files = new LinkedHashMap<>();
                files.put("policy.wasm", demoWasm());
                files.put("data.json", utf8("{\"role\": {\"alice\": "));
                jar.addAsResource(new ByteArrayAsset(bundle(files)), "policies/x.tar.gz");
            })
            .assertException(policyBuildFailure("policies/x.tar.gz", "data.json", "is not valid JSON"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
