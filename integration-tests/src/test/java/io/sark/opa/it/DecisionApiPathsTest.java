package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's decision API, every entrypoint embedded with a remote fallback (a stand-in server that allows
 * everything): which document a path names, that no path can swap an embedded decision for a remote one, and
 * that failures are answered in OPA's short {@code {"code", "message"}} form, never with remote URLs, class
 * names or the remote's oversized answer.
 */
@QuarkusTest
@TestProfile(DecisionApiFallbackProfile.class)
@WithTestResource(FakeRemoteOpa.class)
class DecisionApiPathsTest {

    private static final String DEMO = "/v1/data/opa/wasm/test/allowed";
    private static final String MALLORY = "{\"input\": {\"user\": \"mallory\"}}";

    @Test
    void theEmbeddedPolicyDeniesMallory() {
        given().contentType(ContentType.JSON).body(MALLORY).post(DEMO)
                .then().statusCode(200).body("result", equalTo(false));
    }

    /** Paths a router cleans are refused, not cut at a fixed offset (OPA's server redirects them; v1/server/server.go). */
    @ParameterizedTest
    @ValueSource(strings = { "//v1/data/opa/wasm/test/allowed", "/v1/./data/opa/wasm/test/allowed",
            "/v1/data/opa/./wasm/test/allowed", "/v1/data/opa/%2E%2E/opa/wasm/test/allowed", "/v1/data/opa//wasm/test/allowed" })
    void aPathTheRouterCleansIsABadPath(String path) {
        int before = remoteRequests().size();
        String response = rawPost(path, MALLORY);
        assertThat(response).startsWith("HTTP/1.1 400").contains("\"code\":\"invalid_parameter\"").contains("bad path");
        assertThat(remoteRequests()).hasSize(before);
    }

    /** '#' and '?' cannot be in an entrypoint: such a path is refused, never handed to the remote server. */
    @ParameterizedTest
    @ValueSource(strings = { DEMO + "%23x", DEMO + "%3Fa=1", DEMO + "%3F", DEMO + "%20", "/v1/data/opa/wasm/test/allowed.x" })
    void aPathNoEntrypointCanHaveNeverFallsBack(String path) {
        int before = remoteRequests().size();
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(MALLORY).post(path)
                .then().statusCode(400).body("code", equalTo("invalid_parameter"));
        assertThat(remoteRequests()).hasSize(before);
    }

    @Test
    void anUnknownEntrypointFallsBackAsDocumentedWithItsPathIntact() {
        given().contentType(ContentType.JSON).body(MALLORY).post("/v1/data/other_app/allow")
                .then().statusCode(200).body("result", equalTo(true));
        assertThat(remoteRequests()).last().isEqualTo("POST /v1/data/other_app/allow Bearer " + FakeRemoteOpa.TOKEN);
    }

    @Test
    void theRootIsNamedData() {
        given().contentType(ContentType.JSON).body(MALLORY).post("/v1/data").then().statusCode(200);
        assertThat(remoteRequests()).last().isEqualTo("POST /v1/data Bearer " + FakeRemoteOpa.TOKEN);
    }

    @Test
    void anOversizedRemoteAnswerFailsShortly() {
        String body = given().contentType(ContentType.JSON).body(MALLORY).post("/v1/data/big/doc")
                .then().statusCode(500).body("code", equalTo("internal_error"))
                .body("message", equalTo("no engine decided 'big/doc': embedded failed (no policy has the entrypoint), "
                        + "then remote failed (the remote OPA server gave no decision)"))
                .extract().asString();
        assertThat(body.length()).isLessThan(300);
    }

    @Test
    void aFailedRemoteIsNamedWithoutItsUrlOrClassNames() {
        given().contentType(ContentType.JSON).body(MALLORY).post("/v1/data/down/doc")
                .then().statusCode(500).body("code", equalTo("internal_error"))
                .body("message", equalTo("no engine decided 'down/doc': embedded failed (no policy has the entrypoint), "
                        + "then remote failed (the remote OPA server gave no decision)"));
    }

    @Test
    void malformedJsonIsNamedByWhereItBreaks() {
        given().contentType(ContentType.JSON).body("{\"input\": {\"user\": ").post(DEMO)
                .then().statusCode(400).body("code", equalTo("invalid_parameter"))
                .body("message", matchesPattern("body is not valid JSON \\(line 1, column \\d+\\)"));
    }

    private static List<String> remoteRequests() {
        String listing = given().baseUri(System.getProperty(FakeRemoteOpa.URL_PROPERTY)).port(-1).get("/requests")
                .then().statusCode(200).extract().asString();
        return listing.isEmpty() ? List.of() : List.of(listing.split("\n"));
    }

    // HTTP clients clean such paths before sending them, so the request is written by hand
    static String rawPost(String path, String body) {
        URI app = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
