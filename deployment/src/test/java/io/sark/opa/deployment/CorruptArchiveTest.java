package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import java.util.Random;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Random bytes named {@code .tar.gz} fail the build. */
class CorruptArchiveTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                byte[] noise = new byte[4096];
                new Random(42).nextBytes(noise);
                jar.addAsResource(new ByteArrayAsset(noise), "policies/x.tar.gz");
            })
            .assertException(policyBuildFailure("policies/x.tar.gz", "corrupt archive"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
