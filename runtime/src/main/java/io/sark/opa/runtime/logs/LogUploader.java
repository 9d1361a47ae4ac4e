package io.sark.opa.runtime.logs;

import io.sark.opa.runtime.config.DecisionLogsConfig;
import io.sark.opa.runtime.services.ServiceClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Uploads encoded events to the decision-log service as OPA does: at a random delay between the minimum and maximum,
 * in gzip-compressed JSON arrays of at most the upload size limit; after a failed upload it backs off exponentially
 * with jitter, keeping the events. Used only on the decision log's worker thread, which waits for each upload.
 */
final class LogUploader {

    private static final Logger LOG = Logger.getLogger(LogUploader.class);
    // a bound on the wait only: the service's connect and response timeouts end a stuck upload first
    private static final long UPLOAD_TIMEOUT_MILLIS = 60_000;

    private final ServiceClient client;
    private final String resource;
    private final long maxBytes;
    private final int sizeLimit;
    private final long minDelayMillis;
    private final long maxDelayMillis;
    private final AtomicInteger waiting;
    private final LongAdder dropped;
    private final Deque<byte[]> buffer = new ArrayDeque<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failedUploads = new LongAdder();
    private long bufferedBytes;
    private int retries;
    private volatile UploadStatus lastUpload;
    private volatile Runnable uploadListener = () -> { };

    LogUploader(ServiceClient client, DecisionLogsConfig config, AtomicInteger waiting, LongAdder dropped) {
        this.client = client;
        this.resource = config.resource();
        this.maxBytes = config.buffer().maxBytes();
        this.sizeLimit = config.upload().sizeLimitBytes();
        this.minDelayMillis = config.upload().minDelay().toMillis();
        this.maxDelayMillis = Math.max(minDelayMillis, config.upload().maxDelay().toMillis());
        this.waiting = waiting;
        this.dropped = dropped;
    }

    /** Schedules the uploads on {@code worker}, each after running {@code drain}. */
    void start(ScheduledExecutorService worker, Runnable drain) {
        worker.schedule(() -> tick(worker, drain), nextDelay(), TimeUnit.MILLISECONDS);
    }

    private void tick(ScheduledExecutorService worker, Runnable drain) {
        try {
            drain.run();
            retries = uploadAll() ? 0 : retries + 1;
        } catch (RuntimeException e) {
            LOG.warnf("decision log upload failed: %s", e.toString());
            retries++;
        } finally {
            if (!worker.isShutdown()) {
                worker.schedule(() -> tick(worker, drain), nextDelay(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Keeps an encoded event for upload, or drops it when the buffer's bytes would go over the limit. */
    void buffer(byte[] event) {
        if (bufferedBytes + event.length > maxBytes) {
            waiting.decrementAndGet();
            dropped.increment();
            return;
        }
        buffer.addLast(event);
        bufferedBytes += event.length;
    }

    /** Uploads everything buffered, batch by batch; false when an upload failed (its events stay buffered). */
    boolean uploadAll() {
        while (!buffer.isEmpty()) {
            UploadBatch batch = UploadBatch.next(buffer, sizeLimit);
            if (batch.body() != null && !post(batch.body())) {
                failedUploads.increment();
                return false;
            }
            for (int i = 0; i < batch.taken(); i++) {
                bufferedBytes -= buffer.removeFirst().length;
            }
            waiting.addAndGet(-batch.taken());
            sent.add(batch.taken() - batch.tooLarge());
            dropped.add(batch.tooLarge());
        }
        return true;
    }

    long sent() {
        return sent.sum();
    }

    long failedUploads() {
        return failedUploads.sum();
    }

    void close() {
        client.close();
    }

    /** The last upload's outcome; {@code null} before the first upload. */
    UploadStatus lastUpload() {
        return lastUpload;
    }

    /** Runs {@code listener} after each upload, on the decision log's worker thread. */
    void onUpload(Runnable listener) {
        uploadListener = listener;
    }

    private boolean post(byte[] body) {
        lastUpload = attempt(body);
        uploadListener.run();
        return lastUpload.problem() == null;
    }

    private UploadStatus attempt(byte[] body) {
        try {
            HttpResponse<Buffer> response = client.request(HttpMethod.POST, resource)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Content-Encoding", "gzip")
                    .sendBuffer(Buffer.buffer(body))
                    .toCompletionStage().toCompletableFuture()
                    .get(UPLOAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 == 2) {
                return UploadStatus.OK;
            }
            LOG.debugf("decision log service '%s' answered %d", client.name(), response.statusCode());
            // OPA's message (HTTPError in v1/plugins/logs/status/status.go)
            return new UploadStatus("log upload failed, server replied with HTTP " + response.statusCode() + " "
                    + response.statusMessage(), response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UploadStatus("log upload failed: interrupted", 0);
        } catch (Exception e) {
            LOG.debugf("decision log service '%s' unreachable: %s", client.name(), e.toString());
            return new UploadStatus("log upload failed: service '" + client.name() + "' unreachable", 0);
        }
    }

    /** Between the delays at random; after failures, exponential back-off with jitter, capped at the maximum delay. */
    private long nextDelay() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (retries == 0) {
            return minDelayMillis + random.nextLong(maxDelayMillis - minDelayMillis + 1);
        }
        long backoff = Math.min(maxDelayMillis, Math.max(1, minDelayMillis) << Math.min(retries, 20));
        return backoff / 2 + random.nextLong(backoff / 2 + 1);
    }
}
