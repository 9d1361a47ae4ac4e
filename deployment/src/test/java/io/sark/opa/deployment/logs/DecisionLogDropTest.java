package io.sark.opa.deployment.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.sark.opa.runtime.logs.DecisionLog;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the decision-log service down, the buffer fills to its bound, then decisions are dropped and counted, unblocked. */
class DecisionLogDropTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(
                    new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)), "policies/echo.wasm"))
            .overrideConfigKey("quarkus.sark-opa.services.receiver.url", "http://127.0.0.1:" + closedPort())
            .overrideConfigKey("quarkus.sark-opa.decision-logs.service", "receiver")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.buffer.max-events", "100")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.min-delay", "20ms")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.max-delay", "100ms");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    DecisionLog log;

    @Inject
    MeterRegistry meters;

    @Test
    void aFullBufferDropsAndCountsDecisionsWithoutHoldingThemUp() {
        long start = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            Decision decision = evaluator.evaluate("allow", new JsonObject().put("n", i)).await().indefinitely();
            assertThat(decision.value()).isEqualTo(new JsonObject().put("n", i)); // the caller still gets each decision
        }
        // generous for a shared machine; a blocked decision path would wait out upload timeouts
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(log.dropped()).isGreaterThanOrEqualTo(5_000 - 100);
        assertThat(log.sent()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.failedUploads() > 0);
        assertThat(meters.get("sark.opa.decision_logs.dropped").functionCounter().count()).isEqualTo(log.dropped());
        assertThat(meters.get("sark.opa.decision_logs.failed").functionCounter().count()).isPositive();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
