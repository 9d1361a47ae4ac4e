package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.bundles.BundlePollers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a key configured at run time (OPA's {@code keys}) a downloaded bundle must carry a signature that verifies
 * (v1/bundle/verify.go): a signed bundle activates; a tampered or unsigned one is refused, counted as a failed
 * activation, while the last good bundle keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleSigningTest {

    static final String SERVER = "bundle-signing-test";
    static final String SECRET = "run-time-secret";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset("package check\n\n# METADATA\n# entrypoint: true\nv := data.signed.v\n"),
                    "policies/check/check.rego")
            .addAsResource(new StringAsset("{\"v\": 0}"), "policies/signed/data.json")
            .addClass(BundleServer.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.sark-opa.services.nginx.url", BundleServer.serving(SERVER, "signed",
                    () -> BundleServer.archive(signed(files(1)))).url())
            .overrideConfigKey("quarkus.sark-opa.bundles.signed.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.signed.polling.min-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.signed.polling.max-delay", "300ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.signed.signing.keyid", "k1")
            // keys given at run time only: the policy folder is not verified at build time
            .overrideRuntimeConfigKey("quarkus.sark-opa.keys.k1.key", SECRET)
            .overrideRuntimeConfigKey("quarkus.sark-opa.keys.k1.algorithm", "HS256");

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

    private static Map<String, String> files(int version) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".manifest", "{\"revision\": \"rev-" + version + "\", \"roots\": [\"signed\"]}");
        files.put("signed/data.json", "{\"v\": " + version + "}");
        return files;
    }

    private static Map<String, String> signed(Map<String, String> files) {
        return BundleServer.signed(files, SECRET);
    }

    @Test
    @Order(1)
    void aSignedBundleActivates() {
        await().atMost(Duration.ofSeconds(10)).until(() -> decided() == 1);
        assertThat(bundles.revisions()).containsEntry("signed", "rev-1");
    }

    @Test
    @Order(2)
    void aTamperedBundleIsRefusedWhileTheLastGoodOneServes() throws Exception {
        await().until(() -> decided() == 1);
        Map<String, String> tampered = signed(files(2));
        tampered.put("signed/data.json", "{\"v\": 666}");
        refused(tampered, 2);
    }

    @Test
    @Order(3)
    void anUnsignedBundleIsRefused() throws Exception {
        refused(files(3), 3);
        BundleServer.shared(SERVER).serve("signed", BundleServer.archive(signed(files(4))), 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> decided() == 4);
        assertThat(bundles.revisions()).containsEntry("signed", "rev-4");
    }

    private void refused(Map<String, String> files, int version) throws Exception {
        double failed = failedActivations();
        BundleServer.shared(SERVER).serve("signed", BundleServer.archive(files), version);
        await().atMost(Duration.ofSeconds(5)).until(() -> failedActivations() > failed);
        assertThat(decided()).isEqualTo(1);
        assertThat(bundles.revisions()).containsEntry("signed", "rev-1");
    }

    private double failedActivations() {
        var counter = meters.find("sark.opa.bundle.activations").tags("bundle", "signed", "result", "failed")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private int decided() {
        return Integer.parseInt(String.valueOf(evaluator.evaluateBlocking("check/v", Map.of()).value()));
    }
}
