package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A policy calling http.send fails the build at the call: embedded evaluation does not make network calls inside a
 * decision, by design, and the message points to remote evaluation.
 */
class HttpSendBuildErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    package authz

                    # METADATA
                    # entrypoint: true
                    allow if {
                      resp := http.send({"method": "GET", "url": input.url})
                      resp.status_code == 200
                    }
                    """), "policies/authz.rego"))
            .assertException(policyBuildFailure("policies/authz.rego:6:11: rego_compile_error: http.send is unsupported"
                    + " by design in embedded evaluation: it would make a network call inside a decision; evaluate this"
                    + " policy remotely instead (see docs/remote.md)"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
