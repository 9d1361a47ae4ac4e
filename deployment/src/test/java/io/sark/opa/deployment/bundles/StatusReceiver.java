package io.sark.opa.deployment.bundles;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A status service on a free local port, as OPA's receivers see reports: {@code POST /status/<partition>} with a
 * JSON body. It refuses the first report with 503, so the reporter must send it again; keeps the path, content type
 * and body of every report it accepts. One per JVM, its state in JDK types (QuarkusUnitTest loads a test class twice).
 */
final class StatusReceiver {

    private static final String KEY = StatusReceiver.class.getName();

    private StatusReceiver() {}

    static String url() {
        return (String) shared().get("url");
    }

    /** Each accepted report as {@code [path, content type, body]}. */
    @SuppressWarnings("unchecked")
    static List<List<String>> reports() {
        return (List<List<String>>) shared().get("reports");
    }

    /** How many reports were refused. */
    static int refused() {
        return ((AtomicInteger) shared().get("refused")).get();
    }

    static JsonObject lastReport() {
        List<List<String>> reports = reports();
        return reports.isEmpty() ? new JsonObject() : new JsonObject(reports.get(reports.size() - 1).get(2));
    }

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
        List<List<String>> reports = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (refused.get() == 0) {
                refused.incrementAndGet();
                request.response().setStatusCode(503).end();
                return;
            }
            reports.add(List.of(request.method() + " " + request.path(),
                    String.valueOf(request.getHeader("Content-Type")), body.toString()));
            request.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        AutoCloseable closer = () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.getProperties().put(KEY + ".closer", closer);
        return new ConcurrentHashMap<>(Map.of("url", "http://127.0.0.1:" + server.actualPort(), "reports", reports,
                "refused", refused));
    }
}
