package io.sark.opa.deployment;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.engine.UnknownEntrypointException;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An OPA bundle in the policy folder is compiled at build time and decides through the injected evaluator. */
class DemoBundleTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(".manifest", utf8("{\"revision\":\"r1\",\"wasm\":[{\"entrypoint\":\"opa/wasm/test/allowed\",\"module\":\"/policy.wasm\"}]}"));
        files.put("policy.wasm", demoWasm());
        files.put("data.json", utf8(DEMO_DATA));
        jar.addAsResource(new ByteArrayAsset(bundle(files)), "policies/demo.tar.gz");
    }).overrideConfigKey("quarkus.http.test-port", "0"); // no fixed port on a shared machine

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Test
    void decidesForAliceBobAndAStranger() {
        assertThat(evaluator.evaluateBlocking("opa/wasm/test/allowed", Map.of("user", "alice")).allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking("opa.wasm.test.allowed", new JsonObject().put("user", "bob")).allowed())
                .isFalse();
        Decision stranger = evaluator.evaluate("data.opa.wasm.test.allowed", "{\"user\":\"mallory\"}")
                .await().indefinitely();
        assertThat(stranger.isDefined()).isTrue();
        assertThat(stranger.value()).isEqualTo(false);
        assertThat(stranger.allowed()).isFalse();
        assertThat(embedded.registry().policies()).singleElement()
                .satisfies(p -> assertThat(p.revision()).isEqualTo("r1"));
    }

    @Test
    void failuresAreFailedUnisNotDecisions() {
        assertThatThrownBy(() -> evaluator.evaluate("opa/wasm/test/nope", "{}").await().indefinitely())
                .isInstanceOf(UnknownEntrypointException.class)
                .hasMessageContaining("opa/wasm/test/allowed");
        assertThatThrownBy(() -> evaluator.evaluate("opa/wasm/test/allowed", "{\"user\":").await().indefinitely())
                .isInstanceOf(InvalidInputException.class);
    }
}
