package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The sample gateway through real HTTP, with OPA's demo-policy.wasm compiled at build time. */
@QuarkusTest
class ToolGatewayTest {

    @Test
    void anAdminMayInvokeATool() {
        given().header("X-User", "alice").post("/tools/search/invoke")
                .then().statusCode(200).body("status", equalTo("invoked")).body("tool", equalTo("search"));
    }

    @Test
    void aUserWhoIsNoAdminIsRefused() {
        given().header("X-User", "bob").post("/tools/search/invoke")
                .then().statusCode(403).body("error", containsString("bob"));
    }

    @Test
    void aStrangerIsRefused() {
        given().header("X-User", "mallory").post("/tools/search/invoke").then().statusCode(403);
    }

    @Test
    void aRequestWithoutUserIsRefused() {
        given().post("/tools/search/invoke").then().statusCode(401);
    }
}
