package io.sark.opa.remote.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.ShadowStats;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shadow mode: decisions come from this app, and the sample gateway (other data) decides the same input in
 * the background. alice and bob are planted disagreements, mallory an agreement.
 */
@QuarkusTest
@TestProfile(ShadowProfile.class)
@WithTestResource(RemoteGatewayResource.class)
class ShadowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    ShadowStats stats;

    @Test
    void disagreementsAreCountedAndServedDecisionsStayEmbedded() throws InterruptedException {
        Decision alice = evaluator.evaluate(RemoteFallbackTest.DEMO, Map.of("user", "alice")).await().atMost(WAIT);
        Decision bob = evaluator.evaluate(RemoteFallbackTest.DEMO, Map.of("user", "bob")).await().atMost(WAIT);
        Decision mallory = evaluator.evaluate(RemoteFallbackTest.DEMO, Map.of("user", "mallory")).await().atMost(WAIT);
        assertThat(alice.policy()).isEqualTo("demo-policy");
        assertThat(alice.allowed()).isFalse();
        assertThat(bob.allowed()).isTrue();
        assertThat(mallory.allowed()).isFalse();

        ShadowCounts.awaitTotal(stats, 3, WAIT);
        assertThat(stats.disagreements()).isEqualTo(2);
        assertThat(stats.agreements()).isEqualTo(1);
        assertThat(stats.errors()).isZero();
    }
}
