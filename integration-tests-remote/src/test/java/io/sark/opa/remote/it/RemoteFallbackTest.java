package io.sark.opa.remote.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.Input;
import io.sark.opa.runtime.remote.RemoteEngine;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Embedded with remote fallback (this app's configuration), against the sample gateway running as a second
 * process over real HTTP. The gateway holds a policy this app lacks, and other data for the one both hold.
 */
@QuarkusTest
@WithTestResource(RemoteGatewayResource.class)
class RemoteFallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    static final String DEMO = "opa/wasm/test/allowed";

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    RemoteEngine remote;

    @TestHTTPResource("/")
    URL app;

    @Test
    void aPolicyThisAppLacksIsDecidedByTheRemoteServer() {
        Decision alice = evaluator.evaluate("gateway/tools/allow", Map.of("user", "alice", "tool", "deploy"))
                .await().atMost(WAIT);
        assertThat(alice.policy()).isEqualTo(Decision.REMOTE);
        assertThat(alice.allowed()).isTrue();
        Decision dave = evaluator.evaluateBlocking("gateway.tools.allow", Map.of("user", "dave", "tool", "deploy"));
        assertThat(dave.policy()).isEqualTo(Decision.REMOTE);
        assertThat(dave.isDefined()).isTrue();
        assertThat(dave.allowed()).isFalse();
    }

    @Test
    void aDefinedEmbeddedDecisionIsNeverOverridden() {
        // the planted difference: the remote server allows alice and denies bob ...
        assertThat(remote.evaluate(DEMO, Input.json("{\"user\":\"alice\"}".getBytes())).await().atMost(WAIT).allowed())
                .isTrue();
        assertThat(remote.evaluate(DEMO, Input.json("{\"user\":\"bob\"}".getBytes())).await().atMost(WAIT).allowed())
                .isFalse();
        // ... and this app decides the other way, with its own data, whatever the server says
        Decision alice = evaluator.evaluate(DEMO, Map.of("user", "alice")).await().atMost(WAIT);
        assertThat(alice.policy()).isEqualTo("demo-policy");
        assertThat(alice.isDefined()).isTrue();
        assertThat(alice.allowed()).isFalse();
        Decision bob = evaluator.evaluate(DEMO, Map.of("user", "bob")).await().atMost(WAIT);
        assertThat(bob.policy()).isEqualTo("demo-policy");
        assertThat(bob.allowed()).isTrue();
    }

    @Test
    void opasTypeScriptClientDecidesThroughThisAppsDecisionApi() throws Exception {
        String url = app.toString().replaceAll("/$", "");
        String output = StyraClientRun.against(url, "app-token");
        assertThat(output).contains("styra-opa-client: all decisions as expected");
    }
}
