package io.sark.opa.deployment;

import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.EvaluationTimeoutException;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A module whose eval never returns is stopped by quarkus.sark-opa.timeout; the app's other policies keep working. */
class RunawayPolicyTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.LOOP_FOREVER)),
                        "policies/runaway.wasm");
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json");
            })
            .overrideConfigKey("quarkus.sark-opa.timeout", "200ms")
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    Vertx vertx;

    @Test
    void runawayEvaluationTimesOutOnAWorkerThread() {
        for (int attempt = 0; attempt < 2; attempt++) { // the second one runs on a fresh instance
            assertThatThrownBy(() -> evaluator.evaluateBlocking("allow", "{}"))
                    .isInstanceOf(EvaluationTimeoutException.class)
                    .hasMessageContaining("policy 'runaway'")
                    .hasMessageContaining("200 ms");
        }
        assertThat(Thread.currentThread().isInterrupted()).as("the timeout's interrupt leaked").isFalse();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, Map.of("user", "alice")).allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, Map.of("user", "bob")).allowed()).isFalse();
    }

    @Test
    void runawayEvaluationTimesOutOnAnEventLoop() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> aliceAfterwards = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                evaluator.evaluateBlocking("allow", "{}");
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
            try {
                aliceAfterwards.complete(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, "{\"user\":\"alice\"}").allowed());
            } catch (Throwable t) {
                aliceAfterwards.completeExceptionally(t);
            }
        });
        assertThat(failure.get(30, TimeUnit.SECONDS))
                .isInstanceOf(EvaluationTimeoutException.class)
                .hasMessageContaining("200 ms");
        assertThat(aliceAfterwards.get(30, TimeUnit.SECONDS)).isTrue();
        // and the runaway policy's event-loop instance was replaced: it times out again rather than failing otherwise
        CompletableFuture<Throwable> again = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                evaluator.evaluateBlocking("allow", "{}");
                again.complete(null);
            } catch (Throwable t) {
                again.complete(t);
            }
        });
        assertThat(again.get(30, TimeUnit.SECONDS)).isInstanceOf(EvaluationTimeoutException.class);
    }
}
