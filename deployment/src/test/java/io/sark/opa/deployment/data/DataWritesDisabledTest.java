package io.sark.opa.deployment.data;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the decision API on but {@code data-writes} at its default, the data cannot be changed over HTTP: the
 * write methods are answered 405 {@code invalid_operation} (OPA answers 405 for a method a path does not take,
 * writer.HTTPStatus in v1/server; a 404 would read as a missing document), and decisions keep the build's data.
 */
class DataWritesDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest app = DataFixtures.app()
            .overrideConfigKey("quarkus.sark-opa.server.enabled", "true");

    @Test
    void writesAreNotServedByDefault() {
        given().contentType(ContentType.JSON).body("1").put("/v1/data/store/a").then().statusCode(405)
                .body("code", equalTo("invalid_operation"))
                .body("message", containsString("quarkus.sark-opa.server.data-writes"));
        given().contentType(ContentType.JSON).body("[]").patch("/v1/data/store").then().statusCode(405);
        given().delete("/v1/data/store/a").then().statusCode(405);
        given().contentType(ContentType.JSON).body("{}").post("/v1/data/pair/doc").then().statusCode(200)
                .body("result.a", equalTo(0));
    }
}
