package io.sark.opa.deployment.observability;

import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoBundle;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.devui.PolicyJsonRpcService;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Dev UI card's JSON-RPC methods: what they list, and the decisions and errors they return. */
class PolicyJsonRpcServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(demoBundle("r3")), "policies/demo.tar.gz"))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedEngine embedded;

    @Test
    void listsTheLoadedPolicies() {
        JsonArray policies = new PolicyJsonRpcService(evaluator, embedded).getPolicies();
        assertThat(policies).hasSize(1);
        JsonObject demo = policies.getJsonObject(0);
        assertThat(demo.getString("name")).isEqualTo("demo");
        assertThat(demo.getString("revision")).isEqualTo("r3");
        assertThat(demo.getJsonArray("entrypoints").getList()).containsExactly(DEMO_ENTRYPOINT);
        // the build stores the data compactly, without the fixture's spaces
        assertThat(demo.getInteger("dataBytes")).isEqualTo(new JsonObject(DEMO_DATA).encode().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void evaluatesAnEntrypointAndTimesIt() {
        PolicyJsonRpcService service = new PolicyJsonRpcService(evaluator, embedded);
        JsonObject alice = service.evaluate("data.opa.wasm.test.allowed", "{\"user\": \"alice\"}");
        assertThat(alice.getBoolean("defined")).isTrue();
        assertThat(alice.getBoolean("allowed")).isTrue();
        assertThat(alice.getValue("result")).isEqualTo(true);
        assertThat(alice.getString("policy")).isEqualTo("demo");
        assertThat(alice.getLong("micros")).isNotNegative();
        assertThat(alice.containsKey("error")).isFalse();

        JsonObject bob = service.evaluate(DEMO_ENTRYPOINT, "{\"user\": \"bob\"}");
        assertThat(bob.getBoolean("allowed")).isFalse();
        assertThat(bob.getValue("result")).isEqualTo(false);
    }

    @Test
    void reportsErrorsInsteadOfDecisions() {
        PolicyJsonRpcService service = new PolicyJsonRpcService(evaluator, embedded);
        JsonObject unknown = service.evaluate("no/such/rule", "{}");
        assertThat(unknown.getString("error")).contains("UnknownEntrypointException").contains("no/such/rule");
        assertThat(unknown.containsKey("defined")).isFalse();

        JsonObject broken = service.evaluate(DEMO_ENTRYPOINT, "{\"user\": ");
        assertThat(broken.getString("error")).contains("InvalidInputException");
        assertThat(broken.containsKey("allowed")).isFalse();
    }
}
