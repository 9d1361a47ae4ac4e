package io.sark.opa.deployment;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusDevModeTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In dev mode, editing a {@code .rego} file recompiles the policy and the next decision follows the new rule. */
class DevModeRegoEditTest {

    @RegisterExtension
    static final QuarkusDevModeTest dev = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(RegoDecisionResource.class, RegoFixtures.class)
                    .addAsResource(new StringAsset(RegoFixtures.AUTHZ), "policies/authz/authz.rego")
                    .addAsResource(new StringAsset(RegoFixtures.ROLES), "policies/authz/data.json"));

    @Test
    void anEditedRuleChangesTheNextDecision() {
        get("/rego/alice").then().statusCode(200).body(equalTo("true"));
        get("/rego/bob").then().statusCode(200).body(equalTo("undefined"));

        // the rule now admits plain users too
        dev.modifyResourceFile("policies/authz/authz.rego",
                rego -> rego.replace("== \"admin\"", "in {\"admin\", \"user\"}"));
        get("/rego/bob").then().statusCode(200).body(equalTo("true"));
        get("/rego/alice").then().statusCode(200).body(equalTo("true"));
        get("/rego/mallory").then().statusCode(200).body(equalTo("undefined"));

        // and a default rule makes the refusal an explicit false
        dev.modifyResourceFile("policies/authz/authz.rego", rego -> rego + "\ndefault allow := false\n");
        get("/rego/mallory").then().statusCode(200).body(equalTo("false"));
    }
}
