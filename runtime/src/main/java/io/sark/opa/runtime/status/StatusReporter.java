package io.sark.opa.runtime.status;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sark.opa.runtime.bundles.BundleOutcome;
import io.sark.opa.runtime.bundles.BundlePollers;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.config.StatusConfig;
import io.sark.opa.runtime.logs.DecisionLog;
import io.sark.opa.runtime.logs.UploadStatus;
import io.sark.opa.runtime.services.ServiceClient;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Status reports (OPA's status plugin, v1/plugins/status/plugin.go): at start, after every bundle download,
 * activation or failure and after every decision-log upload, a report of every bundle's state and of the last
 * upload goes to the console and/or is POSTed to the service.
 * Events only mark a report as due, never blocking the thread that fires them; the report is built and sent on one
 * Vert.x context, one at a time, from the state at that moment, so a newer report replaces one not yet sent.
 * A report the service refuses is sent again after a back-off that doubles up to {@code max-retry-delay}.
 */
@Singleton
public class StatusReporter {

    /** The log category of the console sink. */
    public static final String CONSOLE_CATEGORY = "sark-opa.status";

    private static final Logger CONSOLE = Logger.getLogger(CONSOLE_CATEGORY);
    private static final Logger LOG = Logger.getLogger(StatusReporter.class);
    private static final long FIRST_RETRY_MILLIS = 500;

    private final StatusConfig config;
    private final BundlePollers pollers;
    private final DecisionLog decisionLog;
    private final Vertx vertx;
    private final Context context;
    private final ServiceClient client;
    private final String resource;
    private final Map<String, BundleStatus> bundles = new ConcurrentHashMap<>();
    private final AtomicBoolean due = new AtomicBoolean();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    // on the context only
    private boolean sending;
    private int failures;
    private String lastProblem;
    private volatile boolean stopped;

    StatusReporter(SarkOpaConfig config, BundlePollers pollers, DecisionLog decisionLog, Vertx vertx) {
        this.config = config.status();
        this.pollers = pollers;
        this.decisionLog = decisionLog;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = this.config.service()
                .map(name -> ServiceClient.named(vertx, config, name, "quarkus.sark-opa.status.service")).orElse(null);
        // OPA posts to "/status/%v" with the partition name, empty when there is none
        this.resource = "status/" + this.config.partitionName().orElse("");
        pollers.revisions().keySet().forEach(name -> bundles.put(name, new BundleStatus(name)));
        if (this.config.enabled()) {
            decisionLog.onUpload(this::changed); // OPA's decision-log plugin reports each upload too
        }
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            changed();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (client != null) {
            client.close();
        }
    }

    void record(@Observes BundleOutcome outcome) {
        if (!config.enabled()) {
            return;
        }
        bundles.computeIfAbsent(outcome.bundle(), BundleStatus::new).record(outcome);
        changed();
    }

    /** Reports the service accepted. */
    public long sent() {
        return sent.sum();
    }

    /** Attempts to send a report that failed: the service was unreachable or did not answer 2xx. */
    public long failed() {
        return failed.sum();
    }

    /** The report as it would be sent now, in OPA's shape (UpdateRequestV1). */
    JsonObject report() {
        JsonObject labels = new JsonObject();
        decisionLog.labels().forEach(labels::put);
        JsonObject bundleStates = new JsonObject();
        pollers.revisions().forEach((name, revision) -> bundleStates.put(name,
                bundles.computeIfAbsent(name, BundleStatus::new).json(revision)));
        JsonObject metrics = new JsonObject()
                .put("counter_decision_logs_sent", decisionLog.sent())
                .put("counter_decision_logs_dropped", decisionLog.dropped())
                .put("counter_decision_logs_failed_uploads", decisionLog.failedUploads())
                .put("counter_status_reports_sent", sent())
                .put("counter_status_reports_failed", failed());
        JsonObject report = new JsonObject().put("labels", labels).put("bundles", bundleStates);
        UploadStatus upload = decisionLog.lastUpload();
        if (upload != null) {
            report.put("decision_logs", decisionLogs(upload));
        }
        return report.put("metrics", new JsonObject().put("sark-opa", metrics));
    }

    /** OPA's decision-log status (v1/plugins/logs/status/status.go): empty after an accepted upload. */
    private static JsonObject decisionLogs(UploadStatus upload) {
        JsonObject json = new JsonObject();
        if (upload.problem() != null) {
            json.put("code", "decision_log_error").put("message", upload.problem());
            if (upload.httpCode() != 0) {
                json.put("http_code", upload.httpCode());
            }
        }
        return json;
    }

    private void changed() {
        if (!due.getAndSet(true)) {
            context.runOnContext(v -> next());
        }
    }

    // on the context: builds and sends the due report, unless one is on its way (its answer calls this again)
    private void next() {
        if (sending || stopped || !due.getAndSet(false)) {
            return;
        }
        String body = report().encode();
        if (config.console()) {
            CONSOLE.info(body);
        }
        if (client == null) {
            return;
        }
        sending = true;
        client.request(HttpMethod.POST, resource)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body))
                .onComplete(this::answered);
    }

    private void answered(AsyncResult<HttpResponse<Buffer>> result) {
        sending = false;
        if (stopped) {
            return;
        }
        String problem = result.failed() ? "unreachable: " + result.cause().getMessage()
                : result.result().statusCode() / 100 == 2 ? null
                : "answered HTTP " + result.result().statusCode();
        if (problem == null) {
            sent.increment();
            failures = 0;
            lastProblem = null;
            next();
            return;
        }
        failed.increment();
        if (!Objects.equals(problem, lastProblem)) {
            LOG.warnf("status service '%s' %s; the report is sent again later", client.name(), problem);
            lastProblem = problem;
        }
        due.set(true);
        vertx.setTimer(retryDelay(++failures), id -> next());
    }

    /** Doubling from half a second, capped, with jitter so that many instances do not retry together. */
    private long retryDelay(int failures) {
        long cap = Math.max(1, config.maxRetryDelay().toMillis());
        long delay = Math.min(cap, FIRST_RETRY_MILLIS << Math.min(failures - 1, 20));
        return Math.max(1, delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }
}
