package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.bundles.BundlePollers;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delta bundles (OPA docs "Delta Bundles", v1/bundle/store.go applyPatches): a {@code patch.json} applies on top
 * of the active snapshot of the same bundle, all of it or none; an invalid delta is refused while the snapshot
 * keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeltaBundleTest {

    static final String SERVER = "delta-bundle-test";
    static final String MANIFEST = "{\"revision\": \"%s\", \"roots\": [\"store\"]}";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset("package pair\n\n# METADATA\n# entrypoint: true\nboth := data.store\n"),
                    "policies/pair/pair.rego")
            .addAsResource(new StringAsset("{\"a\": 0, \"b\": 0}"), "policies/store/data.json")
            .addClass(BundleServer.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.sark-opa.services.nginx.url", BundleServer.serving(SERVER, "store",
                    () -> BundleServer.bundle("snap-1", List.of("store"), "{\"a\": 1, \"b\": 10}")).url())
            .overrideConfigKey("quarkus.sark-opa.bundles.store.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.min-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.max-delay", "300ms");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    BundlePollers bundles;

    @Inject
    MeterRegistry meters;

    @AfterAll
    static void stopServer() throws InterruptedException {
        BundleServer.stop(SERVER);
    }

    private static void serveDelta(String revision, String operations, int version) throws Exception {
        BundleServer.shared(SERVER).serve("store", BundleServer.archive(Map.of(".manifest",
                MANIFEST.formatted(revision), "patch.json", "{\"data\": [" + operations + "]}")), version);
    }

    @Test
    @Order(1)
    void aDeltaChangesOneValueOnTopOfTheSnapshot() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> decided().path("a").asInt() == 1);
        serveDelta("delta-2", "{\"op\": \"upsert\", \"path\": \"/store/a\", \"value\": 2},"
                + " {\"op\": \"upsert\", \"path\": \"/store/c/d\", \"value\": true}", 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> decided().path("a").asInt() == 2);
        assertThat(decided()).isEqualTo(new ObjectMapper().readTree("{\"a\": 2, \"b\": 10, \"c\": {\"d\": true}}"));
        assertThat(bundles.revisions()).containsEntry("store", "delta-2");
    }

    @Test
    @Order(2)
    void anInvalidDeltaIsRefusedWhole() throws Exception {
        await().until(() -> decided().path("a").asInt() == 2);
        double failed = failedActivations();
        // the first operation would apply; the second removes what does not exist, so neither does
        serveDelta("delta-3", "{\"op\": \"upsert\", \"path\": \"/store/a\", \"value\": 3},"
                + " {\"op\": \"remove\", \"path\": \"/store/missing\"}", 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> failedActivations() > failed);
        assertThat(decided().path("a").asInt()).isEqualTo(2);
        assertThat(bundles.revisions()).containsEntry("store", "delta-2");
    }

    @Test
    @Order(3)
    void aDeltaOutsideTheRootsOrWithOtherRootsIsRefused() throws Exception {
        double failed = failedActivations();
        serveDelta("delta-4", "{\"op\": \"upsert\", \"path\": \"/elsewhere\", \"value\": 4}", 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> failedActivations() > failed);
        double again = failedActivations();
        BundleServer.shared(SERVER).serve("store", BundleServer.archive(Map.of(".manifest",
                "{\"revision\": \"delta-5\", \"roots\": [\"store/a\"]}", "patch.json",
                "{\"data\": [{\"op\": \"upsert\", \"path\": \"/store/a\", \"value\": 5}]}")), 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> failedActivations() > again);
        assertThat(decided().path("a").asInt()).isEqualTo(2);
        BundleServer.shared(SERVER).serve("store", BundleServer.bundle("snap-6", List.of("store"),
                "{\"a\": 6, \"b\": 60}"), 6);
        await().atMost(Duration.ofSeconds(5)).until(() -> decided().path("a").asInt() == 6);
        assertThat(decided().has("c")).isFalse();
    }

    private double failedActivations() {
        var counter = meters.find("sark.opa.bundle.activations").tags("bundle", "store", "result", "failed")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode decided() {
        try {
            return new ObjectMapper().readTree(String.valueOf(evaluator.evaluateBlocking("pair/both", Map.of())
                    .value()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
