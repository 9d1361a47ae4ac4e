package io.sark.opa.deployment;

import static io.restassured.RestAssured.given;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The decision API is opt-in: without quarkus.sark-opa.server.enabled no route answers. */
class DecisionApiDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json");
            })
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Test
    void noDecisionApiUnlessEnabled() {
        given().contentType(ContentType.JSON).body("{\"input\": {\"user\": \"alice\"}}")
                .post("/v1/data/opa/wasm/test/allowed").then().statusCode(404);
        given().get("/health").then().statusCode(404);
    }
}
