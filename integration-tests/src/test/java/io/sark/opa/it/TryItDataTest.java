package io.sark.opa.it;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try it" steps for data at run time: dave, a guest in the plan bundle's data, may not deploy until a
 * {@code PUT /v1/data} call makes him an admin; the call needs the token.
 */
@QuarkusTest
@TestProfile(TryItProfile.class)
class TryItDataTest {

    @Test
    void aDataApiCallChangesWhomThePolicyAdmits() {
        given().header("X-User", "dave").post("/v2/tools/deploy/invoke").then().statusCode(403);

        given().contentType("application/json").body("{\"role\": \"admin\"}")
                .put("/v1/data/gateway/users/dave").then().statusCode(401);
        given().header("X-User", "dave").post("/v2/tools/deploy/invoke").then().statusCode(403);

        given().header("Authorization", "Bearer try-it").contentType("application/json").body("{\"role\": \"admin\"}")
                .put("/v1/data/gateway/users/dave").then().statusCode(204);
        given().header("X-User", "dave").post("/v2/tools/deploy/invoke").then().statusCode(200);
    }
}
