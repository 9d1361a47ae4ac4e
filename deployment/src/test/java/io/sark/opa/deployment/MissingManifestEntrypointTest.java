package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
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

/** A manifest declaring an entrypoint the module lacks fails the build. */
class MissingManifestEntrypointTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                Map<String, byte[]> files = new LinkedHashMap<>();
                files.put(".manifest", utf8("{\"wasm\":[{\"entrypoint\":\"opa/wasm/test/allowed\",\"module\":\"/policy.wasm\"},"
                        + "{\"entrypoint\":\"opa/wasm/test/denied\",\"module\":\"/policy.wasm\"}]}"));
                files.put("policy.wasm", demoWasm());
                files.put("data.json", utf8(DEMO_DATA));
                jar.addAsResource(new ByteArrayAsset(bundle(files)), "policies/x.tar.gz");
            })
            .assertException(policyBuildFailure("policies/x.tar.gz", "the manifest declares entrypoint 'opa/wasm/test/denied'", "does not have"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
