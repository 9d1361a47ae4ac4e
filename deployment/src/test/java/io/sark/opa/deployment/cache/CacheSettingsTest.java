package io.sark.opa.deployment.cache;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_DATA;
import static io.sark.opa.deployment.PolicyFixtures.DEMO_ENTRYPOINT;
import static io.sark.opa.deployment.PolicyFixtures.demoWasm;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.cache.CacheManager;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.sark.opa.deployment.observability.PrometheusScrape;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * quarkus-cache's settings of each entrypoint's cache apply to that entrypoint alone, and undefined
 * decisions stay out of the cache when {@code cache.undefined-decisions=false}.
 */
class CacheSettingsTest {

    private static final String ECHO = "allow";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClass(PrometheusScrape.class)
            // decides its input; no input is undefined
            .addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 1, "{}", WatModules.ECHO_INPUT)), "policies/echo.wasm")
            .addAsResource(new ByteArrayAsset(demoWasm()), "policies/demo.wasm")
            .addAsResource(new ByteArrayAsset(utf8(DEMO_DATA)), "policies/demo.data.json"))
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            .overrideConfigKey("quarkus.sark-opa.cache.undefined-decisions", "false")
            .overrideConfigKey("quarkus.cache.type", "caffeine") // quarkus-redis-cache, on the test classpath, defaults to redis
            .overrideConfigKey("quarkus.cache.caffeine.\"sark-opa:" + DEMO_ENTRYPOINT + "\".maximum-size", "1")
            .overrideConfigKey("quarkus.cache.caffeine.\"sark-opa:" + ECHO + "\".expire-after-write", "2s")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Inject
    CacheManager caches;

    @Test
    void undefinedDecisionsAreNotKeptWhenSoConfigured() {
        long before = embedded.engineEvaluations();
        assertThat(evaluator.evaluateBlocking(ECHO, null).isDefined()).isFalse();
        assertThat(evaluator.evaluateBlocking(ECHO, null).isDefined()).isFalse();
        assertThat(embedded.engineEvaluations() - before).isEqualTo(2);
    }

    @Test
    void entriesExpireAfterTheirEntrypointsExpireAfterWrite() {
        String input = "{\"case\":\"expiry\"}";
        long before = embedded.engineEvaluations();
        evaluator.evaluateBlocking(ECHO, input);
        evaluator.evaluateBlocking(ECHO, input);
        assertThat(embedded.engineEvaluations() - before).as("the second answer is a hit").isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
            long runs = embedded.engineEvaluations();
            evaluator.evaluateBlocking(ECHO, input);
            return embedded.engineEvaluations() > runs;
        });
    }

    @Test
    void anEntrypointsMaximumSizeBoundsItsCacheAndEvictionsAreCounted() {
        String[] users = {"alice", "bob", "carol", "dave", "erin"};
        for (String user : users) {
            evaluator.evaluateBlocking(DEMO_ENTRYPOINT, "{\"user\":\"" + user + "\"}");
        }
        CaffeineCache demo = caches.getCache("sark-opa:" + DEMO_ENTRYPOINT).orElseThrow().as(CaffeineCache.class);
        // Caffeine evicts in the background: wait until the bound holds, then every entry past it was evicted
        await().atMost(Duration.ofSeconds(15)).until(() -> demo.keySet().size() <= 1);
        await().atMost(Duration.ofSeconds(15)).until(
                () -> evictions("sark-opa:" + DEMO_ENTRYPOINT) == users.length - demo.keySet().size());
        // the echo entrypoint has no maximum: its entries stay
        for (String value : new String[] {"1", "2", "3"}) {
            evaluator.evaluateBlocking(ECHO, value);
        }
        assertThat(caches.getCache("sark-opa:" + ECHO).orElseThrow().as(CaffeineCache.class).keySet()).hasSizeGreaterThanOrEqualTo(3);
    }

    private static double evictions(String cache) {
        return PrometheusScrape.now().value("cache_evictions_total", "cache=\"" + cache + "\"").orElse(-1);
    }
}
