package io.sark.opa.deployment;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.LoadedPolicy;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two policies whose names differ only in characters a Java class name cannot hold ({@code my-policy} and
 * {@code my_policy}) are still two policies, each with its own module and data.
 */
class SimilarPolicyNamesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addAsResource(new ByteArrayAsset(demoWasm()), "policies/my-policy.wasm");
                jar.addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/my-policy.data.json");
                jar.addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)),
                        "policies/my_policy.wasm");
            })
            .overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Test
    void eachPolicyKeepsItsOwnModuleAndData() {
        assertThat(embedded.registry().policies()).extracting(LoadedPolicy::name)
                .containsExactlyInAnyOrder("my-policy", "my_policy");
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, Map.of("user", "alice")).allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, Map.of("user", "bob")).allowed()).isFalse();
        Decision echo = evaluator.evaluateBlocking("allow", "{\"echo\":42}");
        assertThat(echo.policy()).isEqualTo("my_policy");
        assertThat(echo.value()).hasToString("{\"echo\":42}");
    }
}
