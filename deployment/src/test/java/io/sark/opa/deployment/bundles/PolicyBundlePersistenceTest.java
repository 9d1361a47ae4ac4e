package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.bundle.ServiceLoadedCompiler;
import io.sark.opa.deployment.PolicyFixtures;
import io.sark.opa.runtime.bundles.BundlePollers;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import org.hamcrest.Matchers;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bundle server is down at start: a policy bundle persisted by an earlier run is activated before the first
 * download. No built-in policy has its name, so its policy joins the built-in ones, entrypoints and all.
 */
class PolicyBundlePersistenceTest {

    static final String BUILT_IN = """
            package other

            # METADATA
            # entrypoint: true
            value := 1
            """;
    static final String PERSISTED = """
            package gate

            # METADATA
            # entrypoint: true
            allow := input.user == data.config.admin
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(BUILT_IN), "policies/other/other.rego")
            .addClasses(BundleServer.class, PolicyFixtures.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.sark-opa.services.down.url", BundleServer.downUrl())
            .overrideConfigKey("quarkus.sark-opa.bundles.gate.service", "down")
            .overrideConfigKey("quarkus.sark-opa.bundles.gate.persist", "true")
            .overrideConfigKey("quarkus.sark-opa.persistence-directory", persisted().toString());

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    BundlePollers bundles;

    private static Path persisted() {
        byte[] wasm = new ServiceLoadedCompiler().toWasm("test", Map.of("gate.rego", PolicyFixtures.utf8(PERSISTED)));
        return BundleServer.persisted("gate", PolicyFixtures.bundle(Map.of(
                ".manifest", PolicyFixtures.utf8("{\"revision\": \"persisted-3\", \"roots\": [\"gate\", \"config\"]}"),
                "policy.wasm", wasm, "config/data.json", PolicyFixtures.utf8("{\"admin\": \"bob\"}"))));
    }

    @Test
    void thePersistedPolicyDecidesBesideTheBuiltInOnesWhileTheServerIsDown() {
        assertThat(evaluator.evaluateBlocking("gate/allow", Map.of("user", "bob")).value()).isEqualTo(true);
        assertThat(evaluator.evaluateBlocking("gate/allow", Map.of("user", "eve")).value()).isEqualTo(false);
        assertThat(evaluator.evaluateBlocking("other/value", Map.of()).value()).isEqualTo(1);
        assertThat(bundles.revisions()).containsEntry("gate", "persisted-3");
        RestAssured.when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'sark-opa policies' }.data.gate", Matchers.equalTo("persisted-3"));
    }
}
