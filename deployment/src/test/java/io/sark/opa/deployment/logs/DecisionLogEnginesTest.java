package io.sark.opa.deployment.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every engine's decisions are logged: embedded, cached, remote, and the remote fallback of an embedded entrypoint. */
class DecisionLogEnginesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogReceiver.class).addAsResource(
                    new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)), "policies/echo.wasm"))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.cache.type", "caffeine") // quarkus-redis-cache, on the test classpath, defaults to redis
            .overrideConfigKey("quarkus.sark-opa.remote.url", LogReceiver.url())
            .overrideConfigKey("quarkus.sark-opa.remote.engine", "embedded-with-fallback")
            .overrideConfigKey("quarkus.sark-opa.remote.entrypoints.\"remote/allow\"", "remote")
            .overrideConfigKey("quarkus.sark-opa.services.receiver.url", LogReceiver.url())
            .overrideConfigKey("quarkus.sark-opa.decision-logs.service", "receiver")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.min-delay", "50ms")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.max-delay", "200ms");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedEngine embedded;

    @AfterAll
    static void stopReceiver() throws Exception {
        LogReceiver.stop();
    }

    @Test
    void decisionsOfEveryEngineAreLogged() {
        JsonObject input = new JsonObject().put("user", "alice");
        long ranBefore = embedded.engineEvaluations();
        Decision first = evaluator.evaluateBlocking("allow", input);
        Decision cached = evaluator.evaluateBlocking("allow", input);
        assertThat(embedded.engineEvaluations() - ranBefore).isEqualTo(1); // the second came from the cache
        Decision remote = evaluator.evaluate("remote/allow", input).await().atMost(Duration.ofSeconds(10));
        Decision fallback = evaluator.evaluate("elsewhere/allow", input).await().atMost(Duration.ofSeconds(10));
        List<String> ids = List.of(first.decisionId(), cached.decisionId(), remote.decisionId(), fallback.decisionId());
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(20)).until(() -> LogReceiver.events().keySet().containsAll(ids));
        for (Decision embeddedDecision : List.of(first, cached)) {
            JsonObject event = LogReceiver.event(embeddedDecision.decisionId());
            assertThat(event.getString("path")).isEqualTo("allow");
            assertThat(event.getJsonObject("result")).isEqualTo(input);
            assertThat(event.getJsonObject("bundles").fieldNames()).containsExactly("echo");
        }
        JsonObject remoteEvent = LogReceiver.event(remote.decisionId());
        assertThat(remoteEvent.getString("path")).isEqualTo("remote/allow");
        assertThat(remoteEvent.getJsonObject("result")).isEqualTo(new JsonObject().put("remote", "remote/allow"));
        assertThat(remoteEvent.getJsonObject("input")).isEqualTo(input);
        assertThat(remoteEvent.containsKey("bundles")).isFalse(); // no bundle of this application decided it
        JsonObject fallbackEvent = LogReceiver.event(fallback.decisionId());
        assertThat(fallbackEvent.getString("path")).isEqualTo("elsewhere/allow");
        assertThat(fallbackEvent.getJsonObject("result")).isEqualTo(new JsonObject().put("remote", "elsewhere/allow"));
        assertThat(fallbackEvent.containsKey("bundles")).isFalse();
    }
}
