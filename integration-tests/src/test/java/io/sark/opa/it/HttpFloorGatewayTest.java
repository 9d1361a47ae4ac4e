package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The load test's HTTP floor answers like the tool route, without asking a policy. */
@QuarkusTest
class HttpFloorGatewayTest {

    @Test
    void answersEveryUserWithoutEvaluating() {
        given().header("X-User", "mallory").post("/floor/tools/search/invoke")
                .then().statusCode(200)
                .body("status", equalTo("invoked"))
                .body("policy", equalTo("none"));
    }

    @Test
    void refusesARequestWithoutAUser() {
        given().post("/floor/tools/search/invoke").then().statusCode(401);
    }
}
