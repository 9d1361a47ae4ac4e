package io.sark.opa.remote.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.NoDecisionException;
import io.sark.opa.runtime.engine.Input;
import io.sark.opa.runtime.remote.RemoteEngine;
import io.sark.opa.RemoteEvaluationException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the remote server down, the fallback fails closed with both causes; embedded decisions go on. */
@QuarkusTest
@TestProfile(RemoteDownProfile.class)
class RemoteDownTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    RemoteEngine remote;

    @Test
    void whenEveryEngineFailsTheDecisionIsAnErrorCarryingBothCauses() {
        assertThatThrownBy(() -> evaluator.evaluate("gateway/tools/allow", Map.of("user", "alice", "tool", "deploy"))
                .await().atMost(WAIT))
                .isInstanceOf(NoDecisionException.class)
                .hasMessageContaining("no policy has the entrypoint 'gateway/tools/allow'")
                .hasMessageContaining("remote OPA at " + RemoteDownProfile.URL)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(RemoteEvaluationException.class));
    }

    @Test
    void theDecisionApiAnswersTheFailureAsAnInternalError() {
        given().header("Authorization", "Bearer app-token").contentType(ContentType.JSON)
                .body("{\"input\": {\"user\": \"alice\", \"tool\": \"deploy\"}}").post("/v1/data/gateway/tools/allow")
                .then().statusCode(500).body("code", equalTo("internal_error"))
                .body("message", containsString("embedded failed")).body("message", containsString("remote failed"))
                .body("$", not(hasKey("result")));
    }

    @Test
    void embeddedDecisionsNeedNoRemoteServer() {
        Decision bob = evaluator.evaluate(RemoteFallbackTest.DEMO, Map.of("user", "bob")).await().atMost(WAIT);
        assertThat(bob.policy()).isEqualTo("demo-policy");
        assertThat(bob.allowed()).isTrue();
    }

    @Test
    void theRemoteEngineAloneFailsNamingTheServer() {
        assertThatThrownBy(() -> remote.evaluate(RemoteFallbackTest.DEMO, Input.NONE).await().atMost(WAIT))
                .isInstanceOf(RemoteEvaluationException.class)
                .hasMessageContaining(RemoteDownProfile.URL)
                .hasMessageContaining(RemoteFallbackTest.DEMO);
        assertThat(remote.inFlight()).isZero();
    }
}
