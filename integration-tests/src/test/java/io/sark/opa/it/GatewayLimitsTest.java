package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the sample gateway does with requests it cannot use: bodies are bounded before they are read (413), a
 * body that is not a JSON object is the client's error (400, nothing logged at ERROR); and what it offers an
 * operator: readiness and Prometheus metrics.
 */
@QuarkusTest
class GatewayLimitsTest {

    private static RequestSpecification caller() {
        return given().header("X-User", "alice").header("X-Roles", "admin").header("X-Tenant", "acme")
                .contentType(ContentType.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = { "null", "[1]", "\"s\"", "1", "{", "{\"tenant\": }" })
    void aBodyThatIsNotAJsonObjectIsTheClientsError(String body) {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            caller().body(body).post("/v3/tools/search/invoke")
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("error", equalTo("the body must be a JSON object naming the resource"));
        } finally {
            root.removeHandler(capture);
        }
        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        // only the headers announce 9 MB: the gateway answers 413 without waiting for a byte of the body (an
        // HTTP client sending the whole body would see the connection closed under it)
        String response = rawHeadersOnly("/v3/tools/search/invoke", 9_000_000);
        assertThat(response).startsWith("HTTP/1.1 413");
        // a body within the limit still decides
        caller().body("{\"tenant\": \"acme\", \"sensitivity\": \"public\", \"pad\": \"" + "x".repeat(8_000) + "\"}")
                .post("/v3/tools/search/invoke").then().statusCode(200);
    }

    private static String rawHeadersOnly(String path, int contentLength) {
        URI app = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-User: alice\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] status = new byte[12];
            int read = socket.getInputStream().readNBytes(status, 0, status.length);
            return new String(status, 0, read, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readinessAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("sark-opa policies"));
        caller().body("{\"tenant\": \"acme\", \"sensitivity\": \"public\"}").post("/v3/tools/search/invoke")
                .then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sark_opa_decisions_total"))
                .body(containsString("sark_opa_evaluation_seconds_count"));
    }
}
