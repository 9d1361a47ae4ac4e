package io.sark.opa.deployment.observability;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.sark.opa.Decision;
import io.sark.opa.engine.InstancePool;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.engine.OpaInstance;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jakarta.inject.Inject;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With quarkus-micrometer and a Prometheus registry, /q/metrics shows the decisions by outcome, the engine's
 * evaluations (cache hits excluded), the cache's hits and misses, pool waits and memory pages.
 */
class MetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClass(PrometheusScrape.class)
            // the policy decides its input: true allows, anything else defined denies, no input is undefined
            .addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 1, "{}", WatModules.ECHO_INPUT)), "policies/echo.wasm"))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.cache.type", "caffeine") // quarkus-redis-cache, on the test classpath, defaults to redis
            .overrideConfigKey("quarkus.sark-opa.max-input-bytes", "64")
            .overrideConfigKey("quarkus.sark-opa.pool-size", "1")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Test
    void evaluationsShowOnTheMetricsEndpoint() throws Exception {
        assertThat(evaluator.evaluateBlocking("allow", "true").allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking("allow", "true").allowed()).isTrue(); // a cache hit
        assertThat(evaluator.evaluateBlocking("allow", "false").isDefined()).isTrue();
        assertThat(evaluator.evaluateBlocking("allow", "{\"reason\":\"an object\"}").allowed()).isFalse();
        assertThat(evaluator.evaluateBlocking("allow", null).isDefined()).isFalse();
        assertThat(evaluator.evaluateBlocking("allow", null).isDefined()).isFalse(); // undefined is cached too
        assertThatThrownBy(() -> evaluator.evaluateBlocking("allow", "\"" + "x".repeat(100) + "\""))
                .isInstanceOf(InvalidInputException.class);
        evaluateWhileThePoolsOnlyInstanceIsTaken("\"a string\""); // denied, after one wait

        PrometheusScrape metrics = PrometheusScrape.now();
        String allow = "entrypoint=\"allow\"";
        String policy = "policy=\"echo\"";
        assertThat(value(metrics, "sark_opa_decisions_total", allow, "outcome=\"allow\"", policy)).isEqualTo(2);
        assertThat(value(metrics, "sark_opa_decisions_total", allow, "outcome=\"deny\"", policy)).isEqualTo(3);
        assertThat(value(metrics, "sark_opa_decisions_total", allow, "outcome=\"undefined\"", policy)).isEqualTo(2);
        assertThat(value(metrics, "sark_opa_decisions_total", allow, "outcome=\"error\"", policy)).isEqualTo(1);
        // six engine runs, the failed one included; the two hits are not timed
        assertThat(value(metrics, "sark_opa_evaluation_seconds_count", allow, policy)).isEqualTo(6);
        assertThat(value(metrics, "sark_opa_evaluation_seconds_sum", allow, policy)).isPositive();
        assertThat(value(metrics, "sark_opa_cache_hits_total", allow, policy)).isEqualTo(2);
        assertThat(value(metrics, "sark_opa_cache_misses_total", allow, policy)).isEqualTo(6);
        assertThat(value(metrics, "sark_opa_pool_waits_total", policy)).isEqualTo(1);
        // the test thread is no event loop: its evaluations used a pooled instance, which holds memory
        assertThat(value(metrics, "sark_opa_memory_pages", policy)).isPositive();
        // evictions come from quarkus-cache's own Caffeine meters, turned on for each decision cache
        assertThat(value(metrics, "cache_evictions_total", "cache=\"sark-opa:allow\"")).isZero();
    }

    /** Evaluates on another thread while this one holds the pool's only instance, so that it waits once. */
    private void evaluateWhileThePoolsOnlyInstanceIsTaken(String input) throws Exception {
        InstancePool pool = embedded.registry().policyFor("allow").pool();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            OpaInstance held = pool.borrow(Duration.ofSeconds(5));
            Future<Decision> decision = other.submit(() -> evaluator.evaluateBlocking("allow", input));
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.waits() == 1);
            pool.release(held);
            assertThat(decision.get().allowed()).isFalse();
        } finally {
            other.shutdownNow();
        }
    }

    private static double value(PrometheusScrape metrics, String name, String... labels) {
        return metrics.value(name, labels).orElseThrow(() -> new AssertionError("no sample of " + name + " with "
                + java.util.Arrays.toString(labels) + " in:\n" + metrics));
    }
}
