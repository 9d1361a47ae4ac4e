package io.sark.opa.deployment;

import static io.sark.opa.deployment.BuildFailures.policyBuildFailure;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** v0 syntax in a bundle whose manifest says v1 fails the build at the offending line and column. */
class RegoSyntaxErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("{\"rego_version\": 1}"), "policies/gate/.manifest")
                    .addAsResource(new StringAsset("package gate\n\nopen { input.day == \"mon\" }\n"),
                            "policies/gate/gate.rego"))
            .assertException(policyBuildFailure("policies/gate/gate.rego:3:6: rego_parse_error: expected 'if' before the rule body"
                    + " (Rego v1) but found '{'"));

    @Test
    void buildFails() {
        fail("the build should have failed");
    }
}
