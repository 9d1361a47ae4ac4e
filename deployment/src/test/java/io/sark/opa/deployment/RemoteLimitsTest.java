package io.sark.opa.deployment;

import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.remote.RemoteEngine;
import io.sark.opa.RemoteEvaluationException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A remote server that hangs: the read timeout ends the wait, and requests beyond max-concurrency fail at once. */
class RemoteLimitsTest {

    // QuarkusUnitTest loads this class twice (test and application class loaders), so compare no URL with it
    static final SilentServer HUNG = SilentServer.start();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json");
                jar.addClass(SilentServer.class);
            })
            .overrideConfigKey("quarkus.sark-opa.remote.url", HUNG.url())
            .overrideConfigKey("quarkus.sark-opa.remote.engine", "remote")
            .overrideConfigKey("quarkus.sark-opa.remote.max-concurrency", "1")
            .overrideConfigKey("quarkus.sark-opa.remote.read-timeout", "700ms")
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    RemoteEngine remote;

    @AfterAll
    static void stopServer() throws IOException {
        HUNG.close();
    }

    @Test
    void aHungServerTimesOutAndTheBoundRejectsWhatIsBeyondIt() throws InterruptedException {
        CompletableFuture<Decision> first = evaluator.evaluate(DEMO_ENTRYPOINT, Map.of("user", "alice"))
                .subscribeAsCompletionStage();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (remote.inFlight() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(remote.inFlight()).isEqualTo(1);

        assertThatThrownBy(() -> evaluator.evaluate(DEMO_ENTRYPOINT, Map.of("user", "bob")).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(RemoteEvaluationException.class)
                .hasMessageContaining("busy")
                .hasMessageContaining("max-concurrency");

        assertThatThrownBy(first::join)
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(RemoteEvaluationException.class)
                .hasMessageContaining("gave no decision for '" + DEMO_ENTRYPOINT + "'")
                .hasMessageContaining("timeout period of 700ms");
        assertThat(remote.inFlight()).isZero();
    }
}
