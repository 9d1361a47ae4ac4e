package io.sark.opa.runtime.logs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.sark.opa.Decision;
import io.sark.opa.engine.UnknownEntrypointException;
import io.sark.opa.runtime.config.DecisionLogsConfig;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.engine.DecisionLogging;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.services.ServiceClient;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Decision logging (OPA's decision_logs plugin): every decision the evaluator hands out is captured here as one event.
 * Capturing only puts the event on a lock-free queue, so it never blocks an event loop; a single worker thread
 * encodes and masks the events, writes them to the console sink and hands them to the {@link LogUploader}.
 * At most {@code buffer.max-events} events wait at any time; a decision made beyond that is dropped and counted.
 */
@Startup
@Singleton
public class DecisionLog implements DecisionLogging {

    /** The log category of the console sink. */
    public static final String CONSOLE_CATEGORY = "sark-opa.decision-log";

    private static final Logger CONSOLE = Logger.getLogger(CONSOLE_CATEGORY);
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final long DRAIN_MILLIS = 100;

    private final boolean enabled;
    private final boolean console;
    private final int maxEvents;
    private final EmbeddedEngine embedded;
    private final Queue<DecisionEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger(); // queued, or encoded and not yet uploaded
    private final LongAdder dropped = new LongAdder();
    private final Map<String, String> labels;
    private final EventEncoder encoder;
    private final LogUploader uploader;
    private final ScheduledExecutorService worker;

    DecisionLog(SarkOpaConfig config, EmbeddedEngine embedded, Vertx vertx) {
        DecisionLogsConfig logs = config.decisionLogs();
        this.enabled = logs.enabled();
        this.console = logs.console();
        this.maxEvents = logs.buffer().maxEvents();
        this.embedded = embedded;
        this.labels = labels(logs);
        this.encoder = new EventEncoder(labels, new EventMask(logs.mask().orElse(List.of())),
                new MaskPolicy(embedded), new DropPolicy(embedded));
        this.uploader = logs.service().map(name -> new LogUploader(
                ServiceClient.named(vertx, config, name, "quarkus.sark-opa.decision-logs.service"), logs, waiting, dropped))
                .orElse(null);
        this.worker = enabled ? Executors.newSingleThreadScheduledExecutor(DecisionLog::workerThread) : null;
        if (enabled) {
            worker.scheduleWithFixedDelay(this::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            if (uploader != null) {
                uploader.start(worker, this::drain);
            }
        }
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Puts the event on the queue, never blocking; the decision returned carries its {@code decision_id}. */
    @Override
    public Decision decided(String entrypoint, byte[] input, Decision decision, long evalNanos, String requestedBy) {
        String id = decisionId();
        String bundle = Decision.REMOTE.equals(decision.policy()) ? null : decision.policy();
        enqueue(new DecisionEvent(id, entrypoint, input, decision.isDefined(), decision.value(), bundle,
                bundle == null ? null : revision(entrypoint), Instant.now(), evalNanos, requestedBy, null));
        return decision.withDecisionId(id);
    }

    /** OPA logs an unknown path as undefined, other failures with their {@code error}. */
    @Override
    public void failed(String entrypoint, byte[] input, Throwable failure, long evalNanos, String requestedBy) {
        String error = failure instanceof UnknownEntrypointException ? null : String.valueOf(failure.getMessage());
        enqueue(new DecisionEvent(decisionId(), entrypoint, input, false, null, null, null, Instant.now(), evalNanos,
                requestedBy, error));
    }

    /** This instance's labels: {@code id}, {@code version} and the configured ones, as OPA's {@code labels}. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Decisions not logged: the buffer was full, or the event alone was larger than an upload may be. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events the service accepted. */
    public long sent() {
        return uploader == null ? 0 : uploader.sent();
    }

    /** Uploads that failed; their events stay buffered for the next upload. */
    public long failedUploads() {
        return uploader == null ? 0 : uploader.failedUploads();
    }

    /** The last upload's outcome; {@code null} before the first upload or without a service. */
    public UploadStatus lastUpload() {
        return uploader == null ? null : uploader.lastUpload();
    }

    /** Runs {@code listener} after each upload to the service, on the decision log's worker thread. */
    public void onUpload(Runnable listener) {
        if (uploader != null) {
            uploader.onUpload(listener);
        }
    }

    void flushOnShutdown(@Observes ShutdownEvent event) {
        if (!enabled) {
            return;
        }
        try {
            worker.submit(() -> {
                drain();
                if (uploader != null) {
                    uploader.uploadAll();
                    uploader.close();
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("decision logs were not all flushed at shutdown: %s", e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    private void enqueue(DecisionEvent event) {
        if (waiting.incrementAndGet() > maxEvents) {
            waiting.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(event);
    }

    /** On the worker: encodes what is queued, writes it to the console, buffers it for upload. */
    private void drain() {
        DecisionEvent event;
        while ((event = queue.poll()) != null) {
            byte[] encoded;
            try {
                encoded = encoder.encode(event);
            } catch (RuntimeException e) {
                LOG.warnf("decision %s could not be logged: %s", event.decisionId(), e.toString());
                waiting.decrementAndGet();
                dropped.increment();
                continue;
            }
            if (encoded == null) { // the drop policy's choice: not logged, and not a drop of the buffer
                waiting.decrementAndGet();
                continue;
            }
            if (console) {
                CONSOLE.info(new String(encoded, StandardCharsets.UTF_8));
            }
            if (uploader == null) {
                waiting.decrementAndGet();
            } else {
                uploader.buffer(encoded);
            }
        }
    }

    private String revision(String entrypoint) {
        try {
            LoadedPolicy policy = embedded.registry().policyFor(entrypoint);
            return policy.revision() == null ? "" : policy.revision();
        } catch (RuntimeException e) {
            return ""; // the policies changed since the decision
        }
    }

    private static Map<String, String> labels(DecisionLogsConfig logs) {
        Map<String, String> labels = new LinkedHashMap<>(logs.labels());
        labels.put("id", decisionId()); // this instance's id, as OPA's labels carry it
        String version = DecisionLog.class.getPackage().getImplementationVersion();
        labels.put("version", version == null ? "sark-opa" : "sark-opa " + version);
        return java.util.Collections.unmodifiableMap(labels);
    }

    /** A random (version 4) UUID; not from SecureRandom, whose lock the deciding threads would share. */
    private static String decisionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static Thread workerThread(Runnable task) {
        Thread thread = new Thread(task, "sark-opa-decision-logs");
        thread.setDaemon(true);
        return thread;
    }
}
