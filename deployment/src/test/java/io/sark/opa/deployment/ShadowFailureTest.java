package io.sark.opa.deployment;

import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.ShadowStats;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shadow engine that cannot answer (no remote server is configured) neither delays nor fails the served
 * decision; the failure is counted in ShadowStats and, with quarkus-micrometer present, as sark.opa.shadow.
 */
class ShadowFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json");
                jar.addClass(SimpleRegistry.class);
            })
            .overrideConfigKey("quarkus.sark-opa.remote.shadow.enabled", "true")
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    ShadowStats stats;

    @Inject
    SimpleMeterRegistry meters;

    /** A registry that keeps counts: quarkus-micrometer adds every registry bean to its global composite. */
    @Singleton
    static class SimpleRegistry {
        @Produces
        @Singleton
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void aFailingShadowIsCountedAndTheServedDecisionStands() throws InterruptedException {
        Decision alice = evaluator.evaluate(DEMO_ENTRYPOINT, Map.of("user", "alice")).await().indefinitely();
        assertThat(alice.policy()).isEqualTo("demo");
        assertThat(alice.allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, Map.of("user", "bob")).allowed()).isFalse();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stats.errors() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stats.errors()).isEqualTo(2);
        assertThat(stats.agreements()).isZero();
        assertThat(stats.disagreements()).isZero();
        assertThat(meters.get("sark.opa.shadow").tags("outcome", "error", "entrypoint", DEMO_ENTRYPOINT).counter().count())
                .isEqualTo(2.0);
    }
}
