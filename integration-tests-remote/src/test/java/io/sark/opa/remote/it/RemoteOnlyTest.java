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

/** Engine {@code remote}: the sample gateway decides (with its data), and this app shadows in process. */
@QuarkusTest
@TestProfile(RemoteOnlyProfile.class)
@WithTestResource(RemoteGatewayResource.class)
class RemoteOnlyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    ShadowStats stats;

    @Test
    void theRemoteServerDecidesAndTheEmbeddedShadowDisagrees() throws InterruptedException {
        Decision alice = evaluator.evaluate(RemoteFallbackTest.DEMO, Map.of("user", "alice")).await().atMost(WAIT);
        assertThat(alice.policy()).isEqualTo(Decision.REMOTE);
        assertThat(alice.allowed()).isTrue(); // the gateway's data; this app's would deny
        Decision undefined = evaluator.evaluate("opa/wasm/test/no_such_rule", Map.of("user", "alice")).await().atMost(WAIT);
        assertThat(undefined.isDefined()).isFalse();

        // alice: remote true, embedded false; no_such_rule: the embedded shadow fails (no such entrypoint)
        ShadowCounts.awaitTotal(stats, 2, WAIT);
        assertThat(stats.disagreements()).isEqualTo(1);
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.agreements()).isZero();
    }
}
