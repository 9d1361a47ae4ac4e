package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.bundles.BundlePollers;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bundle server is down at start: a bundle persisted by an earlier run is activated before the first
 * download, so decisions use its data and readiness does not wait for it; a bundle without a persisted copy
 * keeps readiness DOWN, by name, until it is activated.
 */
class BundlePersistenceTest {

    static final String REGO = """
            package pair

            # METADATA
            # entrypoint: true
            a := data.store.a
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(REGO), "policies/pair/pair.rego")
            .addAsResource(new StringAsset("{\"a\": 0}"), "policies/store/data.json")
            .addClass(BundleServer.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.sark-opa.services.down.url", BundleServer.downUrl())
            .overrideConfigKey("quarkus.sark-opa.bundles.store.service", "down")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.persist", "true")
            .overrideConfigKey("quarkus.sark-opa.bundles.late.service", "down")
            .overrideConfigKey("quarkus.sark-opa.persistence-directory", persisted().toString());

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    BundlePollers bundles;

    private static Path persisted() {
        try {
            return BundleServer.persisted("store", BundleServer.bundle("persisted-7", List.of("store"), "{\"a\": 7}"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void decisionsUseThePersistedBundleWhileTheServerIsDown() {
        assertThat(String.valueOf(evaluator.evaluateBlocking("pair/a", Map.of()).value())).isEqualTo("7");
        assertThat(bundles.revisions()).containsEntry("store", "persisted-7").containsEntry("late", null);
    }

    @Test
    void readinessWaitsForTheBundleNeverActivated() {
        RestAssured.when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'sark-opa policies' }.data.'bundles not activated'",
                        Matchers.equalTo("late"))
                .body("checks.find { it.name == 'sark-opa policies' }.data.'bundle store'",
                        Matchers.equalTo("persisted-7"));
    }
}
