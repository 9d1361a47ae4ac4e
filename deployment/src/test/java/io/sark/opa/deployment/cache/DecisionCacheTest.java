package io.sark.opa.deployment.cache;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.demoBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.OpaException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the cache on, a repeated question is answered without the engine; errors always reach it. */
class DecisionCacheTest {

    private static final String ALLOWED = "opa/wasm/test/allowed";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(demoBundle("r1")), "policies/demo.tar.gz"))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.cache.type", "caffeine") // quarkus-redis-cache, on the test classpath, defaults to redis
            .overrideConfigKey("quarkus.sark-opa.max-input-bytes", "256")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Test
    void aHitReturnsTheSameDecisionWithoutTheEngine() {
        long before = embedded.engineEvaluations();
        Decision first = evaluator.evaluateBlocking(ALLOWED, "{\"user\":\"alice\",\"case\":\"hit\"}");
        Decision second = evaluator.evaluateBlocking(ALLOWED, "{\"user\":\"alice\",\"case\":\"hit\"}");
        assertThat(first.allowed()).isTrue();
        assertThat(second.allowed()).isTrue();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);
    }

    @Test
    void twoSpellingsOfOneValueShareAnEntry() {
        long before = embedded.engineEvaluations();
        Decision a = evaluator.evaluateBlocking(ALLOWED, "{\"user\":\"bob\",\"n\":1,\"case\":\"spelling\"}");
        Decision b = evaluator.evaluateBlocking(ALLOWED, Map.of("case", "spelling", "n", 1, "user", "bob"));
        Decision c = evaluator.evaluateBlocking(ALLOWED, " { \"case\" : \"spelling\", \"n\" : 1, \"user\":\"b\\u006fb\" } ");
        assertThat(List.of(a.value(), b.value(), c.value())).containsOnly(false);
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);
    }

    @Test
    void numberSpellingsOpaTellsApartDoNotShareAnEntry() {
        // OPA keeps a number's text (json.Number): 1, 1.0 and 10e-1 print differently in its results and sprintf
        long before = embedded.engineEvaluations();
        for (String n : new String[] {"1", "1.0", "10e-1"}) {
            evaluator.evaluateBlocking(ALLOWED, "{\"user\":\"bob\",\"n\":" + n + ",\"case\":\"numbers\"}");
        }
        assertThat(embedded.engineEvaluations() - before).isEqualTo(3);
    }

    @Test
    void errorsAreNotCached() {
        String tooLarge = "{\"user\":\"" + "x".repeat(400) + "\"}";
        long before = embedded.engineEvaluations();
        assertThatThrownBy(() -> evaluator.evaluateBlocking(ALLOWED, tooLarge)).isInstanceOf(OpaException.class);
        assertThatThrownBy(() -> evaluator.evaluateBlocking(ALLOWED, tooLarge)).isInstanceOf(OpaException.class);
        assertThat(embedded.engineEvaluations() - before).isEqualTo(2);
    }

    @Test
    void concurrentMissesEvaluateOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        long before = embedded.engineEvaluations();
        try {
            List<Future<Decision>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return evaluator.evaluateBlocking(ALLOWED, "{\"user\":\"alice\",\"case\":\"concurrent\"}");
                }));
            }
            start.countDown();
            for (Future<Decision> result : results) {
                assertThat(result.get().allowed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(embedded.engineEvaluations() - before).isEqualTo(1);
    }
}
