package io.sark.opa.deployment.cache;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.demoBundle;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.cache.type=redis} decisions go to a real Redis server on loopback (port 6379, as
 * .ci/run starts it) and come back from it. Without the server the test fails: quarkus-redis-cache would
 * recompute every decision, and the engine count below would grow.
 */
class RedisDecisionCacheTest {

    private static final String KEYS = "cache:sark-opa:" + DEMO_ENTRYPOINT + ":*";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(demoBundle("r1")), "policies/demo.tar.gz"))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.cache.type", "redis")
            .overrideConfigKey("quarkus.redis.hosts", "redis://127.0.0.1:6379")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    @Test
    void decisionsRoundTripThroughRedis() throws Exception {
        List<String> stale = redis.key().keys(KEYS);
        if (!stale.isEmpty()) {
            redis.key().del(stale.toArray(String[]::new));
        }
        long before = embedded.engineEvaluations();
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, "{\"user\":\"alice\"}").allowed()).isTrue();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);

        // one entry, holding OPA's result set as text
        List<String> keys = redis.key().keys(KEYS);
        assertThat(keys).hasSize(1);
        assertThat(redis.value(String.class).get(keys.get(0))).isEqualTo("[{\"result\":true}]");

        // the next instance of the fleet asks the same question: Redis answers, not the engine
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, "{ \"user\": \"alice\" }").allowed()).isTrue();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);

        // proof that the answer is read from Redis: what Redis holds is what the caller gets
        redis.value(String.class).set(keys.get(0), "[{\"result\":false}]");
        assertThat(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, "{\"user\":\"alice\"}").allowed()).isFalse();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);

        // an event loop does not wait for Redis: its own engine answers, and what Redis holds stays as it is
        CompletableFuture<Boolean> onEventLoop = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            try {
                onEventLoop.complete(evaluator.evaluateBlocking(DEMO_ENTRYPOINT, "{\"user\":\"alice\"}").allowed());
            } catch (RuntimeException e) {
                onEventLoop.completeExceptionally(e);
            }
        });
        assertThat(onEventLoop.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(2);
        assertThat(redis.value(String.class).get(keys.get(0))).isEqualTo("[{\"result\":false}]");
        redis.key().del(keys.get(0));
    }
}
