package io.sark.opa.deployment.data;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code PUT}, {@code PATCH} and {@code DELETE /v1/data/…} with OPA's answers (v1/server/server.go v1DataPut,
 * v1DataPatch, v1DataDelete, and writer.ErrorAuto for the errors): 204, 304 for {@code If-None-Match: *} over an
 * existing document, 404 {@code resource_not_found}, 400 {@code invalid_parameter}; behind the server's token.
 */
class DataWritesApiTest {

    private static final String TOKEN = "writer-token";

    @RegisterExtension
    static final QuarkusUnitTest app = DataFixtures.app()
            .overrideConfigKey("quarkus.sark-opa.server.enabled", "true")
            .overrideConfigKey("quarkus.sark-opa.server.data-writes", "true")
            .overrideConfigKey("quarkus.sark-opa.server.token", TOKEN)
            .overrideConfigKey("quarkus.sark-opa.max-input-bytes", "1024");

    private static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
    }

    @AfterEach
    void restoreTheBuiltData() {
        authorized().body(DataFixtures.DATA).put("/v1/data/store").then().statusCode(204);
    }

    @Test
    void putWritesTheDocumentAndDecisionsSeeIt() {
        authorized().body("\"user\"").put("/v1/data/store/roles/bob").then().statusCode(204).body(emptyString());
        authorized().body("{\"x\": 1}").put("/v1/data/store/made/on/the/way").then().statusCode(204);
        authorized().body("{}").post("/v1/data/pair/doc").then().statusCode(200)
                .body("result.roles.bob", equalTo("user")).body("result.made.on.the.way.x", equalTo(1));
    }

    @Test
    void putWithIfNoneMatchLeavesAnExistingDocument() {
        authorized().header("If-None-Match", "*").body("5").put("/v1/data/store/a").then().statusCode(304);
        authorized().header("If-None-Match", "*").body("5").put("/v1/data/store/c").then().statusCode(204);
        authorized().body("{}").post("/v1/data/pair/doc").then()
                .body("result.a", equalTo(0)).body("result.c", equalTo(5));
    }

    @Test
    void patchAppliesOperationsRelativeToThePath() {
        authorized().body("""
                [{"op": "add", "path": "/roles/bob", "value": "user"},
                 {"op": "replace", "path": "a", "value": 3},
                 {"op": "remove", "path": "/list/0"}]""")
                .patch("/v1/data/store").then().statusCode(204);
        authorized().body("{}").post("/v1/data/pair/doc").then()
                .body("result.roles.bob", equalTo("user")).body("result.a", equalTo(3))
                .body("result.list.size()", equalTo(1));
    }

    @Test
    void aMissingDocumentIs404() {
        authorized().delete("/v1/data/store/nobody").then().statusCode(404)
                .body("code", equalTo("resource_not_found"))
                .body("message", equalTo("/store/nobody: document does not exist"));
        authorized().body("[{\"op\": \"replace\", \"path\": \"nope\", \"value\": 1}]").patch("/v1/data/store")
                .then().statusCode(404).body("code", equalTo("resource_not_found"));
    }

    @Test
    void deleteRemovesTheDocument() {
        authorized().delete("/v1/data/store/roles/alice").then().statusCode(204);
        authorized().body("{}").post("/v1/data/pair/doc").then().body("result.roles.size()", equalTo(0));
    }

    @Test
    void badBodiesAndOperationsAre400() {
        authorized().body("{not json").put("/v1/data/store/a").then().statusCode(400)
                .body("code", equalTo("invalid_parameter"));
        authorized().body("").put("/v1/data/store/a").then().statusCode(400);
        authorized().body("[{\"op\": \"move\", \"path\": \"a\"}]").patch("/v1/data/store").then().statusCode(400)
                .body("message", containsString("bad patch operation"));
        authorized().body("{\"op\": \"add\"}").patch("/v1/data/store").then().statusCode(400);
        authorized().body("[1]").put("/v1/data").then().statusCode(400).body("message", equalTo("root must be object"));
        authorized().delete("/v1/data").then().statusCode(400).body("message", equalTo("root cannot be removed"));
    }

    @Test
    void aBodyOverTheLimitIs400() {
        authorized().body("\"" + "x".repeat(4096) + "\"").put("/v1/data/store/big").then().statusCode(400)
                .body("message", containsString("too large"));
    }

    @Test
    void writesNeedTheToken() {
        given().contentType(ContentType.JSON).body("1").put("/v1/data/store/a").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).body("[]").patch("/v1/data/store").then().statusCode(401);
        given().delete("/v1/data/store/a").then().statusCode(401);
        authorized().body("{}").post("/v1/data/pair/doc").then().body("result.a", equalTo(0));
    }
}
