package io.sark.opa.runtime.remote;

import io.sark.opa.runtime.config.RemoteConfig;
import io.sark.opa.Decision;
import io.sark.opa.RemoteEvaluationException;
import io.sark.opa.runtime.engine.DecisionEngine;
import io.sark.opa.runtime.engine.EntrypointPath;
import io.sark.opa.runtime.engine.Input;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides through a remote OPA server's Data API ({@code POST /v1/data/<entrypoint>} with
 * {@code {"input": …}}), without blocking: the Vert.x web client, a connect and a read timeout, a bound on
 * requests in flight and on the size of each response, an optional trust store and bearer token.
 */
@Singleton
public class RemoteEngine implements DecisionEngine {

    private static final byte[] INPUT_PREFIX = "{\"input\":".getBytes(StandardCharsets.UTF_8);

    private final RemoteConfig config;
    private final Provider<Vertx> vertx;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile WebClient client;

    // Vert.x through a provider: the evaluator (and so this engine) is created at static init, before Vert.x
    RemoteEngine(Provider<Vertx> vertx, SarkOpaConfig config) {
        this.vertx = vertx;
        this.config = config.remote();
    }

    /** Evaluates {@code entrypoint} ({@code a/b/c}) on the remote server with all of {@code input}. */
    @Override
    public Uni<Decision> evaluate(String entrypoint, Input input) {
        return Uni.createFrom().deferred(() -> {
            String server = config.url().map(RemoteEngine::withoutTrailingSlash).orElse(null);
            String name = EntrypointPath.label(entrypoint);
            if (server == null) {
                return Uni.createFrom().failure(new RemoteEvaluationException(
                        "quarkus.sark-opa.remote.url is not set: no remote OPA server can decide '" + name + "'"));
            }
            if (inFlight.incrementAndGet() > config.maxConcurrency()) {
                inFlight.decrementAndGet();
                return Uni.createFrom().failure(new RemoteEvaluationException("remote OPA at " + server + " is busy: "
                        + config.maxConcurrency() + " requests in flight (quarkus.sark-opa.remote.max-concurrency)"));
            }
            HttpRequest<io.vertx.core.buffer.Buffer> request = client().postAbs(DataApiUrl.of(server, entrypoint))
                    .timeout(config.readTimeout().toMillis())
                    .putHeader("Content-Type", "application/json")
                    .as(BodyCodec.newInstance(new CappedBody(config.maxResponseBytes(), "quarkus.sark-opa.remote.max-response-bytes")));
            config.token().ifPresent(request::bearerTokenAuthentication);
            return request.sendBuffer(Buffer.buffer(body(input.json())))
                    .onTermination().invoke(inFlight::decrementAndGet)
                    .map(response -> RemoteResponse.decision(server, entrypoint, response.statusCode(), response.body()))
                    .onFailure(e -> !(e instanceof RemoteEvaluationException)).transform(e ->
                            new RemoteEvaluationException("remote OPA at " + server + " gave no decision for '"
                                    + name + "': " + problem(e), e));
        });
    }

    // the failure's own words, without its class name; a failure without words is named by its kind
    private static String problem(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    private static byte[] body(byte[] input) {
        if (input == null) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        byte[] body = new byte[INPUT_PREFIX.length + input.length + 1];
        System.arraycopy(INPUT_PREFIX, 0, body, 0, INPUT_PREFIX.length);
        System.arraycopy(input, 0, body, INPUT_PREFIX.length, input.length);
        body[body.length - 1] = '}';
        return body;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private WebClient client() {
        WebClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = WebClient.create(vertx.get(), RemoteClientOptions.of(config));
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
