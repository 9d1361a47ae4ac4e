package io.sark.opa.deployment.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Decision logs uploaded to a service, checked against OPA's event format (EventV1 in
 * open-policy-agent/opa v1/plugins/logs/plugin.go) and wire format (gzip JSON arrays, v1/plugins/logs/encoder.go).
 * The policy's decision is its input, so masks apply to both {@code input} and {@code result}.
 */
class DecisionLogUploadTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogReceiver.class).addAsResource(
                    new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)), "policies/echo.wasm"))
            .overrideConfigKey("quarkus.sark-opa.server.enabled", "true")
            .overrideConfigKey("quarkus.sark-opa.services.receiver.url", LogReceiver.url())
            .overrideConfigKey("quarkus.sark-opa.decision-logs.service", "receiver")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.mask", "/input/password,/result/password,/input/absent")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.labels.team", "payments")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.buffer.max-events", "20000")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.min-delay", "50ms")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.max-delay", "200ms")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;

    @AfterAll
    static void stopReceiver() throws Exception {
        LogReceiver.stop();
    }

    @Test
    void anApiDecisionIsLoggedInOpaFormatUnderTheIdTheResponseCarries() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"input\": {\"user\": \"alice\", \"password\": \"hunter2\", \"n\": 1.10}}")
                .post("/v1/data/allow")
                .then().statusCode(200)
                .extract().path("decision_id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        await().atMost(Duration.ofSeconds(20)).until(() -> LogReceiver.events().containsKey(id));
        JsonObject event = LogReceiver.event(id);
        assertThat(event.fieldNames()).containsExactlyInAnyOrder("labels", "decision_id", "bundles", "path", "input",
                "result", "erased", "requested_by", "timestamp", "metrics");
        assertThat(event.getString("path")).isEqualTo("allow");
        assertThat(event.getJsonObject("input")).isEqualTo(new JsonObject().put("user", "alice").put("n", 1.10));
        assertThat(event.getJsonObject("result")).isEqualTo(new JsonObject().put("user", "alice").put("n", 1.10));
        // a masked path that is absent is not listed (OPA's removeValue fails, nothing is appended)
        assertThat(event.getJsonArray("erased")).isEqualTo(new JsonArray().add("/input/password").add("/result/password"));
        assertThat(event.getJsonObject("labels").getString("id")).isNotBlank();
        assertThat(event.getJsonObject("labels").getString("version")).startsWith("sark-opa");
        assertThat(event.getJsonObject("labels").getString("team")).isEqualTo("payments");
        assertThat(event.getJsonObject("bundles").getJsonObject("echo").containsKey("revision")).isTrue();
        assertThat(event.getString("requested_by")).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(Instant.parse(event.getString("timestamp"))).isBefore(Instant.now());
        assertThat(event.getJsonObject("metrics").getLong("timer_rego_query_eval_ns")).isPositive();
        assertThat(LogReceiver.problems()).isEmpty();
    }

    @Test
    void tenThousandDecisionsAreAllReceived() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            Decision decision = evaluator.evaluateBlocking("allow", new JsonObject().put("n", i));
            ids.add(decision.decisionId());
        }
        assertThat(ids).hasSize(10_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> LogReceiver.events().keySet().containsAll(ids));
        assertThat(LogReceiver.problems()).isEmpty();
    }
}
