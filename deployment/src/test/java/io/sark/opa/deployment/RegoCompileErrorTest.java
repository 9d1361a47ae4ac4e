package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Rego rule the compiler rejects fails the build, naming file, line and column and what is wrong. */
class RegoCompileErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    package authz

                    # METADATA
                    # entrypoint: true
                    allow if {
                      role == "admin"
                    }
                    """), "policies/authz.rego"))
            .assertException(policyBuildFailure("policies/authz.rego:6:3: rego_unsafe_var_error: var role is unsafe"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
