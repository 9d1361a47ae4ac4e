package io.sark.opa.remote.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remote engine over HTTPS, trusting the gateway's self-signed certificate through its trust store. */
@QuarkusTest
@TestProfile(RemoteOnlyProfile.class)
@WithTestResource(TlsGatewayResource.class)
class RemoteTlsTest {

    @Inject
    PolicyEvaluator evaluator;

    @Test
    void theRemoteServerDecidesOverHttps() {
        Decision alice = evaluator.evaluate(RemoteFallbackTest.DEMO, Map.of("user", "alice"))
                .await().atMost(Duration.ofSeconds(20));
        assertThat(alice.policy()).isEqualTo(Decision.REMOTE);
        assertThat(alice.allowed()).isTrue(); // the gateway's data: this app's own would deny alice
    }
}
