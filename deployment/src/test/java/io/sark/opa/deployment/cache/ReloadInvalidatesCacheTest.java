package io.sark.opa.deployment.cache;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.demoBundle;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.deployment.PolicyFixtures;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.json.Digest;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.engine.PolicyRegistry;
import io.sark.opa.runtime.config.SarkOpaConfig;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the cache on, installing a new registry never answers from the old policy's entries: not when the
 * revision changes, and not when only the data changes under the same revision.
 */
class ReloadInvalidatesCacheTest {

    private static final String BOB = "{\"user\":\"bob\"}";
    private static final String BOB_IS_ADMIN = DEMO_DATA.replace("\"bob\": \"user\"", "\"bob\": \"admin\"");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(demoBundle("r1")), "policies/demo.tar.gz").addClass(PolicyFixtures.class))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.cache.type", "caffeine") // quarkus-redis-cache, on the test classpath, defaults to redis
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Inject
    SarkOpaConfig config;

    private PolicyRegistry built;

    @AfterEach
    void restoreTheBuiltPolicies() {
        if (built != null) {
            embedded.install(built);
        }
    }

    @Test
    void newDataUnderTheSameRevisionIsNotAnsweredFromOldEntries() {
        built = embedded.registry();
        assertBobIsDeniedFromTheCache();

        embedded.install(registryWith("r1", BOB_IS_ADMIN));
        long before = embedded.engineEvaluations();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, BOB).allowed()).isTrue();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);
    }

    @Test
    void aNewRevisionWithTheSameContentStartsWithoutEntries() {
        built = embedded.registry();
        assertBobIsDeniedFromTheCache();

        embedded.install(registryWith("r2", DEMO_DATA));
        long before = embedded.engineEvaluations();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, BOB).allowed()).isFalse();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);
    }

    /** Under the built policies bob is denied, the second time from the cache. */
    private void assertBobIsDeniedFromTheCache() {
        evaluator.evaluateBlocking(DEMO_ENTRYPOINT, BOB);
        long before = embedded.engineEvaluations();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, BOB).allowed()).isFalse();
        assertThat(embedded.engineEvaluations()).isEqualTo(before);
    }

    /** The demo policy again, under the built one's name, with {@code data} (run by Chicory's interpreter). */
    private PolicyRegistry registryWith(String revision, String data) {
        String name = built.policyFor(DEMO_ENTRYPOINT).name();
        OpaPolicy policy = OpaPolicy.builder(name, Parser.parse(demoWasm())).withData(utf8(data)).build();
        return new PolicyRegistry(List.of(new LoadedPolicy(policy, revision, Digest.sha256(demoWasm(), utf8(data)), config)));
    }
}
