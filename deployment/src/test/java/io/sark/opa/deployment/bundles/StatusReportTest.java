package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.status.StatusReporter;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import jakarta.inject.Inject;

/**
 * Status reports in OPA's shape (UpdateRequestV1 in open-policy-agent/opa v1/plugins/status/plugin.go, bundle
 * status in v1/plugins/bundle/status.go, the example of the "Status API" docs), POSTed to
 * {@code <service>/status/<partition_name>}: one at start, one per activation and per failure; a refused report is
 * sent again; each report is also a JSON line on the console.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusReportTest {

    static final String SERVER = "status-report-test";
    static final String REGO = """
            package pair

            # METADATA
            # entrypoint: true
            rev := data.store.rev
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(REGO), "policies/pair/pair.rego")
            .addAsResource(new StringAsset("{\"rev\": 0}"), "policies/store/data.json")
            .addClasses(BundleServer.class, StatusReceiver.class))
            .overrideConfigKey("quarkus.sark-opa.services.nginx.url", started().url())
            .overrideConfigKey("quarkus.sark-opa.services.hub.url", StatusReceiver.url())
            .overrideConfigKey("quarkus.sark-opa.bundles.store.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.min-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.max-delay", "200ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.absent.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.absent.polling.min-delay", "60s")
            .overrideConfigKey("quarkus.sark-opa.bundles.absent.polling.max-delay", "60s")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.labels.team", "payments")
            // nginx serves no /logs: every upload is answered 404
            .overrideConfigKey("quarkus.sark-opa.decision-logs.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.min-delay", "50ms")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.max-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.status.service", "hub")
            .overrideConfigKey("quarkus.sark-opa.status.partition-name", "east")
            .overrideConfigKey("quarkus.sark-opa.status.console", "true")
            .overrideConfigKey("quarkus.sark-opa.status.max-retry-delay", "200ms");

    @Inject
    StatusReporter reporter;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    MeterRegistry meters;

    private static BundleServer started() {
        BundleServer server = BundleServer.shared(SERVER);
        try {
            serve(server, "r1", 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    private static void serve(BundleServer server, String revision, int version) throws Exception {
        server.serve("store", BundleServer.bundle(revision, List.of("store"), "{\"rev\": \"" + revision + "\"}"),
                version);
    }

    @AfterAll
    static void stop() throws Exception {
        BundleServer.stop(SERVER);
        StatusReceiver.stop();
    }

    @Test
    @Order(1)
    void theFirstReportsCarryEachBundleInOpaShapeAfterTheRefusedOneIsSentAgain() {
        await().atMost(Duration.ofSeconds(20)).until(() -> revision(StatusReceiver.lastReport(), "store") != null
                && StatusReceiver.lastReport().getJsonObject("bundles").getJsonObject("absent").containsKey("code"));
        assertThat(StatusReceiver.refused()).isEqualTo(1);
        List<String> first = StatusReceiver.reports().get(0);
        assertThat(first.get(0)).isEqualTo("POST /status/east");
        assertThat(first.get(1)).isEqualTo("application/json");

        JsonObject report = StatusReceiver.lastReport();
        assertThat(report.fieldNames()).containsExactlyInAnyOrder("labels", "bundles", "metrics");
        JsonObject labels = report.getJsonObject("labels");
        assertThat(labels.getString("id")).matches("[0-9a-f-]{36}");
        assertThat(labels.getString("version")).startsWith("sark-opa");
        assertThat(labels.getString("team")).isEqualTo("payments");

        JsonObject store = report.getJsonObject("bundles").getJsonObject("store");
        assertThat(store.fieldNames()).containsExactlyInAnyOrder("name", "active_revision", "last_request",
                "last_successful_request", "last_successful_download", "last_successful_activation");
        assertThat(store.getString("name")).isEqualTo("store");
        assertThat(store.getString("active_revision")).isEqualTo("r1");
        Instant activated = Instant.parse(store.getString("last_successful_activation"));
        assertThat(activated).isBeforeOrEqualTo(Instant.now()).isAfter(Instant.now().minusSeconds(60));
        assertThat(Instant.parse(store.getString("last_successful_download"))).isBeforeOrEqualTo(activated);

        // a download that failed: OPA's bundle_error with the reason, times never set as Go's zero time
        JsonObject absent = report.getJsonObject("bundles").getJsonObject("absent");
        assertThat(absent.fieldNames()).containsExactlyInAnyOrder("name", "last_request", "last_successful_request",
                "last_successful_download", "last_successful_activation", "code", "message");
        assertThat(absent.getString("code")).isEqualTo("bundle_error");
        assertThat(absent.getString("message")).contains("HTTP 404");
        assertThat(absent.getString("last_successful_activation")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(Instant.parse(absent.getString("last_request"))).isAfter(Instant.now().minusSeconds(60));

        JsonObject counters = report.getJsonObject("metrics").getJsonObject("sark-opa");
        assertThat(counters.getLong("counter_status_reports_failed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> reporter.sent() >= 1);
        assertThat(meters.get("sark.opa.status.failed").functionCounter().count()).isEqualTo(1.0);
        assertThat(meters.get("sark.opa.bundle.revision").tags("bundle", "store", "revision", "r1").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void aRefusedActivationAndTheNextActivationEachSendAReportAndAConsoleLine() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(StatusReporter.CONSOLE_CATEGORY).addHandler(capture);
        try {
            BundleServer.shared(SERVER).serve("store", "not a tar.gz".getBytes(StandardCharsets.UTF_8), 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> StatusReceiver.lastReport().getJsonObject("bundles")
                    .getJsonObject("store").containsKey("code"));
            JsonObject failed = StatusReceiver.lastReport().getJsonObject("bundles").getJsonObject("store");
            assertThat(failed.getString("code")).isEqualTo("bundle_error");
            assertThat(failed.getString("message")).contains("refused");
            assertThat(failed.getString("active_revision")).isEqualTo("r1"); // the last good bundle stays active

            serve(BundleServer.shared(SERVER), "r2", 3);
            await().atMost(Duration.ofSeconds(20)).until(() -> "r2".equals(revision(StatusReceiver.lastReport(),
                    "store")));
            JsonObject store = StatusReceiver.lastReport().getJsonObject("bundles").getJsonObject("store");
            assertThat(store.containsKey("code")).isFalse(); // cleared by the activation
            assertThat(meters.get("sark.opa.bundle.revision").tags("bundle", "store").gauges()).hasSize(1);
            assertThat(meters.get("sark.opa.bundle.revision").tags("bundle", "store", "revision", "r2").gauge())
                    .isNotNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("\"r2\"")));
            String line = lines.stream().filter(l -> l.contains("\"r2\"")).findFirst().orElseThrow();
            assertThat(new JsonObject(line).getJsonObject("bundles").getJsonObject("store").getString("name"))
                    .isEqualTo("store");
        } finally {
            Logger.getLogger(StatusReporter.CONSOLE_CATEGORY).removeHandler(capture);
        }
    }

    @Test
    @Order(3)
    void aFailedDecisionLogUploadIsReportedAsOpasDecisionLogStatus() {
        evaluator.evaluateBlocking("pair/rev", new JsonObject());
        await().atMost(Duration.ofSeconds(20)).until(() -> StatusReceiver.lastReport().containsKey("decision_logs"));
        // OPA's decision-log status (v1/plugins/logs/status/status.go) with its HTTPError message
        assertThat(StatusReceiver.lastReport().getJsonObject("decision_logs")).isEqualTo(new JsonObject()
                .put("code", "decision_log_error")
                .put("message", "log upload failed, server replied with HTTP 404 Not Found")
                .put("http_code", 404));
    }

    private static String revision(JsonObject report, String bundle) {
        JsonObject bundles = report.getJsonObject("bundles");
        JsonObject status = bundles == null ? null : bundles.getJsonObject(bundle);
        return status == null ? null : status.getString("active_revision");
    }
}
