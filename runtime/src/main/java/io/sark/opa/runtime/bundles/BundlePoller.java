package io.sark.opa.runtime.bundles;

import io.sark.opa.runtime.config.BundleConfig;
import io.sark.opa.runtime.remote.CappedBody;
import io.sark.opa.runtime.services.ServiceClient;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Downloads one bundle again and again, as OPA's downloader does (v1/download): {@code If-None-Match} with the
 * last ETag, 304 changes nothing, a random wait between the minimum and maximum delay, long polling when
 * configured and the service answers in kind. Requests run on Vert.x; reading and activating a bundle on a
 * worker thread. A failed download or activation leaves the last good bundle active.
 */
final class BundlePoller {

    private static final Logger LOG = Logger.getLogger(BundlePoller.class);
    // the content type of a long-polling answer (v1/download: "application/vnd.openpolicyagent.bundles")
    private static final String LONG_POLLING_TYPE = "application/vnd.openpolicyagent.bundles";

    private final String name;
    private final BundleConfig config;
    private final ServiceClient service;
    private final Vertx vertx;
    private final Consumer<DataBundle> activation;
    private final Path persisted;
    private final Consumer<BundleOutcome> outcomes;
    private final String resource;
    private volatile String etag;
    private volatile String revision;
    private volatile boolean activated;
    private volatile boolean stopped;
    private volatile long timer = -1;
    private String lastError; // logged once until the error changes or the bundle activates

    /** @param persisted where the last activated bundle is kept, {@code null} when not persisted */
    BundlePoller(String name, BundleConfig config, ServiceClient service, Vertx vertx, Consumer<DataBundle> activation,
            Path persisted, Consumer<BundleOutcome> outcomes) {
        this.name = name;
        this.config = config;
        this.service = service;
        this.vertx = vertx;
        this.activation = activation;
        this.persisted = persisted;
        this.outcomes = outcomes;
        this.resource = config.resource().orElse("bundles/" + name);
    }

    /** Activates the persisted bundle, if any (on the calling thread), then starts downloading. */
    void start() {
        if (persisted != null && Files.isRegularFile(persisted)) {
            try {
                activate(Files.readAllBytes(persisted), false);
                LOG.infof("bundle '%s': activated revision '%s' from %s", name, revision, persisted);
            } catch (IOException | RuntimeException e) {
                fail(BundleOutcome.ACTIVATION, "the persisted bundle " + persisted + " cannot be activated: "
                        + message(e));
            }
        }
        vertx.runOnContext(v -> download());
    }

    void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    String name() {
        return name;
    }

    boolean readinessWaits() {
        return config.readinessWaits();
    }

    boolean activated() {
        return activated;
    }

    /** The active bundle's revision; {@code null} before the first activation. */
    String revision() {
        return revision;
    }

    private void download() {
        if (stopped) {
            return;
        }
        HttpRequest<Buffer> request = service.request(HttpMethod.GET, resource);
        if (etag != null) {
            request.putHeader("If-None-Match", etag);
        }
        config.polling().longPollingTimeout().ifPresent(wait -> request
                .putHeader("Prefer", "wait=" + Math.max(1, wait.toSeconds()))
                .timeout(wait.plus(Duration.ofMillis(request.timeout())).toMillis()));
        request.as(new CappedBody(config.maxBytes(), "quarkus.sark-opa.bundles.\"" + name + "\".max-bytes"))
                .send().onComplete(this::downloaded);
    }

    private void downloaded(AsyncResult<HttpResponse<Buffer>> result) {
        if (stopped) {
            return; // the application stops: its client is closed under the request
        }
        if (result.failed()) {
            fail(BundleOutcome.DOWNLOAD, "download from service '" + service.name() + "' failed: "
                    + message(result.cause()));
            schedule(false);
            return;
        }
        HttpResponse<Buffer> response = result.result();
        boolean longPolling = config.polling().longPollingTimeout().isPresent()
                && LONG_POLLING_TYPE.equals(response.getHeader("Content-Type"));
        if (response.statusCode() == 304) {
            outcome(BundleOutcome.DOWNLOAD, BundleOutcome.NOT_MODIFIED);
            schedule(longPolling);
            return;
        }
        if (response.statusCode() != 200) {
            fail(BundleOutcome.DOWNLOAD, "service '" + service.name() + "' answered HTTP " + response.statusCode()
                    + " for " + resource);
            schedule(false);
            return;
        }
        outcome(BundleOutcome.DOWNLOAD, BundleOutcome.OK);
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
        String tag = response.getHeader("ETag");
        vertx.executeBlocking(() -> {
            activate(body, true);
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                etag = tag; // only a bundle that activated is skipped by its ETag
            } else {
                fail(BundleOutcome.ACTIVATION, "the bundle downloaded from service '" + service.name()
                        + "' is refused: " + message(done.cause()));
            }
            schedule(longPolling && done.succeeded());
        });
    }

    private void activate(byte[] archive, boolean persist) {
        DataBundle bundle = DataBundle.read(archive, config.maxBytes());
        activation.accept(bundle);
        revision = bundle.revision();
        activated = true;
        outcome(BundleOutcome.ACTIVATION, BundleOutcome.OK);
        synchronized (this) {
            if (lastError != null) {
                LOG.infof("bundle '%s': activated revision '%s'", name, revision);
            }
            lastError = null;
        }
        if (persist && persisted != null) {
            persist(archive);
        }
    }

    private void persist(byte[] archive) {
        try {
            Files.createDirectories(persisted.getParent());
            Path temp = Files.createTempFile(persisted.getParent(), "bundle", ".tmp");
            Files.write(temp, archive);
            Files.move(temp, persisted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            warnOnce("cannot persist the bundle to " + persisted + ": " + e.getMessage());
        }
    }

    // a long-polling service answers when the bundle changes: ask again at once
    private void schedule(boolean now) {
        if (stopped) {
            return;
        }
        if (now) {
            vertx.runOnContext(v -> download());
            return;
        }
        long min = config.polling().minDelay().toMillis();
        long max = config.polling().maxDelay().toMillis();
        long delay = Math.max(1, min + ThreadLocalRandom.current().nextLong(max - min + 1));
        timer = vertx.setTimer(delay, id -> download());
    }

    private void fail(String stage, String problem) {
        outcomes.accept(new BundleOutcome(name, stage, BundleOutcome.FAILED, System.currentTimeMillis(), problem));
        warnOnce(problem);
    }

    private synchronized void warnOnce(String problem) {
        if (!Objects.equals(problem, lastError)) {
            LOG.warnf("bundle '%s': %s%s", name, problem, !activated ? ""
                    : revision.isEmpty() ? "; the bundle activated last stays active"
                    : "; revision '" + revision + "' stays active");
            lastError = problem;
        }
    }

    private void outcome(String stage, String result) {
        outcomes.accept(new BundleOutcome(name, stage, result, System.currentTimeMillis()));
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? "no reason given" : e.getMessage();
    }
}
