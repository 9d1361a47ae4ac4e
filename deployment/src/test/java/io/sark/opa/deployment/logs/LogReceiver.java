package io.sark.opa.deployment.logs;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A decision-log service on a free local port, as OPA's receivers see uploads: {@code POST /logs} with a
 * gzip-compressed JSON array of events; and a remote OPA server whose decision for {@code /v1/data/<path>} is
 * {@code {"remote": "<path>"}}. Keeps every event's JSON by {@code decision_id}, and any request that is
 * not such an upload. One per JVM, its state in JDK types: QuarkusUnitTest loads the test class twice, once for
 * the configuration and once in the application.
 */
final class LogReceiver {

    private static final String KEY = LogReceiver.class.getName();

    private LogReceiver() {}

    static String url() {
        return (String) shared().get("url");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> events() {
        return (Map<String, String>) shared().get("events");
    }

    @SuppressWarnings("unchecked")
    static List<String> problems() {
        return (List<String>) shared().get("problems");
    }

    static JsonObject event(String decisionId) {
        return new JsonObject(events().get(decisionId));
    }

    /** Stops the receiver; the next test class that asks for one starts a new one. */
    static synchronized void stop() throws Exception {
        System.getProperties().remove(KEY);
        Object closer = System.getProperties().remove(KEY + ".closer");
        if (closer != null) {
            ((AutoCloseable) closer).close();
        }
    }

    @SuppressWarnings("unchecked")
    private static synchronized Map<String, Object> shared() {
        return (Map<String, Object>) System.getProperties().computeIfAbsent(KEY, key -> start());
    }

    private static Map<String, Object> start() {
        Map<String, String> events = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().startsWith("/v1/data/")) {
                // also a remote OPA server, whose decision names the path it decided
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("result", new JsonObject().put("remote", request.path().substring(9))).encode());
                return;
            }
            if (!"POST".equals(request.method().name()) || !"/logs".equals(request.path())
                    || !"gzip".equals(request.getHeader("Content-Encoding"))
                    || !"application/json".equals(request.getHeader("Content-Type"))) {
                problems.add(request.method() + " " + request.path() + " " + request.headers().entries());
                request.response().setStatusCode(400).end();
                return;
            }
            for (Object event : new JsonArray(gunzip(body.getBytes()))) {
                events.put(((JsonObject) event).getString("decision_id"), ((JsonObject) event).encode());
            }
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        AutoCloseable closer = () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.getProperties().put(KEY + ".closer", closer);
        return new ConcurrentHashMap<>(Map.of("url", "http://127.0.0.1:" + server.actualPort(), "events", events,
                "problems", problems));
    }

    private static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
