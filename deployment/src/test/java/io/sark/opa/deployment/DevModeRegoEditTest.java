package io.sark.opa.deployment;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusDevModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In dev mode, editing a {@code .rego} file recompiles the policy and the next decision follows the new rule. */
class DevModeRegoEditTest {

    @RegisterExtension
    static final QuarkusDevModeTest dev = RegoFixtures.devModeApp();

    @Test
    void anEditedRuleChangesTheNextDecision() {
        get("/decision/rego/alice").then().statusCode(200).body(equalTo("true"));
        get("/decision/rego/bob").then().statusCode(200).body(equalTo("undefined"));

        // the rule now admits plain users too
        dev.modifyResourceFile("policies/authz/authz.rego",
                rego -> rego.replace("== \"admin\"", "in {\"admin\", \"user\"}"));
        get("/decision/rego/bob").then().statusCode(200).body(equalTo("true"));
        get("/decision/rego/alice").then().statusCode(200).body(equalTo("true"));
        get("/decision/rego/mallory").then().statusCode(200).body(equalTo("undefined"));

        // and a default rule makes the refusal an explicit false
        dev.modifyResourceFile("policies/authz/authz.rego", rego -> rego + "\ndefault allow := false\n");
        get("/decision/rego/mallory").then().statusCode(200).body(equalTo("false"));
    }
}
