package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.DataUpdateException;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.bundles.BundlePollers;
import io.sark.opa.runtime.data.EmbeddedPolicyData;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A data bundle polled from a real nginx every 100-300 ms: updates become visible within the poll interval,
 * never half applied; a 304 changes nothing; a corrupt archive is refused while the last good bundle serves; the
 * activated bundle is persisted; writes under the bundle's roots are refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundlePollingTest {

    static final String SERVER = "bundle-polling-test";
    static final String REGO = """
            package pair

            # METADATA
            # entrypoint: true
            both := {"a": data.store.a, "b": data.store.b, "rev": data.store.rev}
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(REGO), "policies/pair/pair.rego")
            .addAsResource(new StringAsset("{\"a\": 0, \"b\": 0, \"rev\": 0}"), "policies/store/data.json")
            .addClass(BundleServer.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.sark-opa.services.nginx.url", started().url())
            .overrideConfigKey("quarkus.sark-opa.bundles.store.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.min-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.max-delay", "300ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.persist", "true")
            .overrideConfigKey("quarkus.sark-opa.persistence-directory", persistence().toString());

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedPolicyData data;

    @Inject
    BundlePollers bundles;

    @Inject
    MeterRegistry meters;

    private static BundleServer started() {
        BundleServer server = BundleServer.shared(SERVER);
        try {
            serve(server, 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    private static Path persistence() {
        return BundleServer.persistence(SERVER);
    }

    private static byte[] serve(BundleServer server, int version) throws Exception {
        byte[] archive = BundleServer.bundle("rev-" + version, List.of("store"),
                "{\"a\": " + version + ", \"b\": " + version * 10 + ", \"rev\": " + version + "}");
        server.serve("store", archive, version);
        return archive;
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        BundleServer.stop(SERVER);
    }

    @Test
    @Order(1)
    void theServedBundleIsActivatedAndMakesTheApplicationReady() {
        await().atMost(Duration.ofSeconds(10)).until(() -> decided().get("a").asInt() == 1);
        assertThat(bundles.revisions()).containsEntry("store", "rev-1");
        RestAssured.when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(2)
    void anUpdateIsVisibleWithinThePollInterval() throws Exception {
        await().until(() -> decided().get("a").asInt() == 1);
        byte[] archive = serve(BundleServer.shared(SERVER), 2);
        long served = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> decided().get("a").asInt() == 2);
        // max-delay 300 ms, plus the download and activation
        assertThat(Duration.ofNanos(System.nanoTime() - served)).isLessThan(Duration.ofSeconds(2));
        assertThat(bundles.revisions()).containsEntry("store", "rev-2");
        Path persisted = persistence().resolve("bundles/store/bundle.tar.gz");
        await().until(() -> Files.exists(persisted) && java.util.Arrays.equals(Files.readAllBytes(persisted), archive));
    }

    @Test
    @Order(3)
    void aNotModifiedAnswerLeavesEverythingAsIs() {
        await().until(() -> decided().get("a").asInt() == 2);
        long dataRevision = data.revision();
        double notModified = count("sark.opa.bundle.downloads", "not_modified");
        double activations = count("sark.opa.bundle.activations", "ok");
        await().atMost(Duration.ofSeconds(5)).until(() -> count("sark.opa.bundle.downloads", "not_modified")
                >= notModified + 3);
        assertThat(data.revision()).isEqualTo(dataRevision);
        assertThat(count("sark.opa.bundle.activations", "ok")).isEqualTo(activations);
        assertThat(decided().get("a").asInt()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aCorruptBundleIsRefusedWhileTheLastGoodOneServes() throws Exception {
        await().until(() -> decided().get("a").asInt() == 2);
        double failed = count("sark.opa.bundle.activations", "failed");
        BundleServer.shared(SERVER).serve("store", "not a tar.gz".getBytes(StandardCharsets.UTF_8), 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("sark.opa.bundle.activations", "failed") > failed);
        assertThat(decided().get("a").asInt()).isEqualTo(2);
        assertThat(bundles.revisions()).containsEntry("store", "rev-2");
        serve(BundleServer.shared(SERVER), 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> decided().get("a").asInt() == 4);
    }

    @Test
    @Order(5)
    void noDecisionSeesHalfAnActivation() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger decisions = new AtomicInteger();
        List<Thread> deciders = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread decider = new Thread(() -> {
                int seen = 0;
                while (!stop.get()) {
                    JsonNode both = decided();
                    int a = both.get("a").asInt();
                    if (both.get("b").asInt() != a * 10 || both.get("rev").asInt() != a) {
                        problems.add("mixed data: " + both);
                    }
                    if (a < seen) {
                        problems.add("version " + a + " after " + seen);
                    }
                    seen = a;
                    decisions.incrementAndGet();
                }
            });
            decider.start();
            deciders.add(decider);
        }
        BundleServer server = BundleServer.shared(SERVER);
        for (int version = 10; version < 16; version++) {
            serve(server, version);
            int expected = version;
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> decided().get("a").asInt() == expected);
        }
        stop.set(true);
        for (Thread decider : deciders) {
            decider.join(10_000);
        }
        assertThat(problems).isEmpty();
        assertThat(decisions.get()).isGreaterThan(6);
    }

    // OPA's server refuses them (v1/server/server.go, checkPathScope): 400 "path ... is owned by bundle ..."
    @Test
    @Order(6)
    void writesUnderTheBundlesRootsAreRefused() {
        await().until(() -> bundles.revisions().get("store") != null);
        assertThatThrownBy(() -> data.put("store/a", 5)).isInstanceOfSatisfying(DataUpdateException.class,
                e -> assertThat(e.reason()).isEqualTo(DataUpdateException.Reason.INVALID))
                .hasMessage("path store/a is owned by bundle \"store\"");
        assertThatThrownBy(() -> data.remove("store")).hasMessage("path store is owned by bundle \"store\"");
        data.put("elsewhere", 1); // outside the bundle's roots
    }

    private double count(String meter, String result) {
        var counter = meters.find(meter).tags("bundle", "store", "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode decided() {
        try {
            return new ObjectMapper().readTree(String.valueOf(evaluator.evaluateBlocking("pair/both", Map.of()).value()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
