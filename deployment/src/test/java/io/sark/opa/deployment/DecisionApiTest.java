package io.sark.opa.deployment;

import static io.restassured.RestAssured.given;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OPA's Data API served by the extension, over real HTTP: the demo policy, and a module whose decision is
 * its input ({@code allow}, undefined without input), behind a bearer token.
 */
class DecisionApiTest {

    private static final String TOKEN = "s3cret-token";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)),
                        "policies/echo.wasm");
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json");
                jar.addClass(OwnV1Route.class);
            })
            .overrideConfigKey("quarkus.sark-opa.server.enabled", "true")
            .overrideConfigKey("quarkus.sark-opa.server.token", TOKEN)
            .overrideConfigKey("quarkus.sark-opa.max-input-bytes", "1024")
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    private static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void aDefinedDocumentIsTheResult() {
        authorized().contentType(ContentType.JSON).body("{\"input\": {\"user\": \"alice\"}}")
                .post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("result", equalTo(true)).body("$", not(hasKey("warning")))
                .body("$", not(hasKey("decision_id"))); // decision logs are off
        authorized().queryParam("input", "{\"user\": \"bob\"}").get("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(200).body("result", equalTo(false));
    }

    @Test
    void structuredInputComesBackExactly() {
        authorized().contentType(ContentType.JSON).body("{\"input\": {\"a\": [1, 2.5, \"x\", null], \"b\": {\"c\": true}}}")
                .post("/v1/data/allow")
                .then().statusCode(200)
                .body("result.a[0]", equalTo(1)).body("result.a[1]", equalTo(2.5f)).body("result.a[2]", equalTo("x"))
                .body("result.b.c", equalTo(true));
    }

    @Test
    void anUndefinedDocumentHasNoResult() {
        // no input: the echo policy is undefined, and OPA warns that the input key is missing
        authorized().contentType(ContentType.JSON).body("{}").post("/v1/data/allow")
                .then().statusCode(200).body("$", not(hasKey("result")))
                .body("warning.code", equalTo("api_usage_warning"))
                .body("warning.message", containsString("'input' key missing"));
    }

    @Test
    void anUnknownPathIsUndefinedWithAWarningNamingTheKnownEntrypoints() {
        authorized().contentType(ContentType.JSON).body("{\"input\": {}}").post("/v1/data/no/such/rule")
                .then().statusCode(200).body("$", not(hasKey("result")))
                .body("warning.code", equalTo("api_usage_warning"))
                .body("warning.message", containsString("no/such/rule"))
                .body("warning.message", containsString("opa/wasm/test/allowed"));
        authorized().contentType(ContentType.JSON).body("{\"input\": {}}").post("/v1/data")
                .then().statusCode(200).body("$", not(hasKey("result")));
    }

    @Test
    void malformedJsonIsAnInvalidParameter() {
        authorized().contentType(ContentType.JSON).body("{\"input\": {\"user\": ").post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", containsString("not valid JSON"));
        authorized().contentType(ContentType.JSON).body("[1]").post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", containsString("JSON object"));
        authorized().queryParam("input", "{nope").get("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", containsString("'input'"));
    }

    @Test
    void aBadPathIsAnInvalidParameter() throws IOException {
        authorized().contentType(ContentType.JSON).body("{\"input\": {}}").post("/v1/data/opa//allowed")
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", containsString("bad path"));
        // HTTP clients refuse to send a broken percent escape, so this request is written by hand; Vert.x's
        // router refuses it before any route (status 400, as OPA's, but an empty body)
        String response = rawPost("/v1/data/opa/wasm%zz/allowed", "{\"input\": {}}");
        assertThat(response).startsWith("HTTP/1.1 400").doesNotContain("result");
    }

    private static String rawPost(String path, String body) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void encodedSlashesSeparateSegmentsAsInOpa() {
        authorized().urlEncodingEnabled(false) // OPA's clients send the path as one encoded component
                .contentType(ContentType.JSON).body("{\"input\": {\"user\": \"alice\"}}")
                .post("/v1/data/opa%2Fwasm%2Ftest%2Fallowed")
                .then().statusCode(200).body("result", equalTo(true));
    }

    @Test
    void oversizedInputIsAnInvalidParameter() {
        String over = "{\"input\": {\"user\": \"" + "x".repeat(1500) + "\"}}"; // over max-input-bytes, within the body limit
        authorized().contentType(ContentType.JSON).body(over).post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", containsString("1024"));
        String huge = "{\"input\": {\"user\": \"" + "x".repeat(5000) + "\"}}"; // over the body limit itself
        authorized().contentType(ContentType.JSON).body(huge).post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", containsString("request body too large"));
    }

    @Test
    void withoutTheTokenTheRequestIsUnauthorized() {
        given().contentType(ContentType.JSON).body("{\"input\": {\"user\": \"alice\"}}").post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(401).body("code", equalTo("unauthorized")).body("$", not(hasKey("result")));
        given().header("Authorization", "Bearer wrong").queryParam("input", "{\"user\": \"alice\"}")
                .get("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(401).body("code", equalTo("unauthorized")).body("message", containsString("not valid"));
    }

    /** An application route of its own under /v1, which the decision API's token must leave alone. */
    @Singleton
    static class OwnV1Route {
        void register(@Observes Router router) {
            router.get("/v1/orders").handler(ctx -> ctx.response().end("orders"));
        }
    }

    @Test
    void theTokenGuardsOnlyTheDataApi() {
        given().get("/v1/orders").then().statusCode(200).body(equalTo("orders"));
        given().contentType(ContentType.JSON).body("{}").post("/v1/data")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/health").then().statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void metricsAndProvenanceOnRequest() {
        authorized().contentType(ContentType.JSON).body("{\"input\": {\"user\": \"alice\"}}")
                .post("/v1/data/opa/wasm/test/allowed?metrics&provenance=true")
                .then().statusCode(200).body("result", equalTo(true))
                .body("metrics.timer_server_handler_ns", greaterThan(0))
                .body("provenance.bundles", hasKey("demo"))
                .body("provenance.bundles", hasKey("echo"));
        authorized().contentType(ContentType.JSON).body("{\"input\": {\"user\": \"alice\"}}")
                .post("/v1/data/opa/wasm/test/allowed")
                .then().statusCode(200).body("$", not(hasKey("metrics"))).body("$", not(hasKey("provenance")));
    }
}
