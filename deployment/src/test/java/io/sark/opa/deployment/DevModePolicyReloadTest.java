package io.sark.opa.deployment;

import static io.restassured.RestAssured.get;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusDevModeTest;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dev mode watches the policy folder: an edited data file changes the next decision, and a broken policy
 * shows its error without ending the session; once fixed, decisions come back.
 */
class DevModePolicyReloadTest {

    @RegisterExtension
    static final QuarkusDevModeTest dev = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(DecisionResource.class, PolicyFixtures.class)
                    .addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm")
                    .addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json"));

    @Test
    void policyFilesReloadAndBrokenPoliciesDoNotEndTheSession() {
        get("/decision/alice").then().statusCode(200).body(equalTo("true"));
        get("/decision/bob").then().statusCode(200).body(equalTo("false"));

        // bob becomes an admin: the next decision follows the edited data
        dev.modifyResourceFile("policies/demo.data.json", data -> data.replace("\"bob\": \"user\"", "\"bob\": \"admin\""));
        get("/decision/bob").then().statusCode(200).body(equalTo("true"));
        get("/decision/mallory").then().statusCode(200).body(equalTo("false"));

        // a broken module: the error page names the file and the problem, and the session goes on
        dev.addResourceFile("policies/demo.wasm", utf8("this is not a wasm module"));
        get("/decision/alice").then().statusCode(500)
                .body(containsString("policies/demo.wasm"))
                .body(containsString("not a valid wasm module"));

        // fixed again: decisions work, with the edited data still in place
        dev.addResourceFile("policies/demo.wasm", demoWasm());
        get("/decision/alice").then().statusCode(200).body(equalTo("true"));
        get("/decision/bob").then().statusCode(200).body(equalTo("true"));

        // broken data shows its error too, and fixing it brings the original decisions back
        dev.modifyResourceFile("policies/demo.data.json", data -> "{\"role\": ");
        get("/decision/alice").then().statusCode(500)
                .body(containsString("policies/demo."))
                .body(containsString("is not valid JSON"));
        dev.modifyResourceFile("policies/demo.data.json", data -> DEMO_DATA);
        get("/decision/alice").then().statusCode(200).body(equalTo("true"));
        get("/decision/bob").then().statusCode(200).body(equalTo("false"));
    }
}
