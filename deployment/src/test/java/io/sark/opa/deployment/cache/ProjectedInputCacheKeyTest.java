package io.sark.opa.deployment.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.RegoFixtures;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A policy compiled from Rego reads only {@code input.user}: inputs that differ only in what it never reads share a
 * cache entry, and inputs that differ in what it reads do not. The module reaches the engine through the build's
 * meta-module (bodies compiled to bytecode stripped), which must keep the {@code sark.input_paths} section.
 */
class ProjectedInputCacheKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClasses(RegoFixtures.class)
            .addAsResource(new StringAsset(RegoFixtures.AUTHZ), "policies/authz/authz.rego")
            .addAsResource(new StringAsset(RegoFixtures.ROLES), "policies/authz/data.json"))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedEngine embedded;

    @Test
    void inputsThatDifferOnlyInFieldsThePolicyNeverReadsShareAnEntry() {
        long before = embedded.engineEvaluations();
        assertThat(evaluator.evaluateBlocking(RegoFixtures.ENTRYPOINT, "{\"user\":\"alice\",\"trace\":\"1\"}").allowed())
                .isTrue();
        assertThat(evaluator.evaluateBlocking(RegoFixtures.ENTRYPOINT,
                "{\"trace\":\"2\",\"body\":{\"items\":[1,2,3]},\"user\":\"alice\"}").allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking(RegoFixtures.ENTRYPOINT,
                Map.of("user", "alice", "headers", Map.of("x-request-id", "3"))).allowed()).isTrue();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);
        assertThat(evaluator.evaluateBlocking(RegoFixtures.ENTRYPOINT, "{\"user\":\"bob\",\"trace\":\"1\"}").allowed())
                .isFalse(); // differs in what the policy reads
        assertThat(embedded.engineEvaluations() - before).isEqualTo(2);
    }
}
