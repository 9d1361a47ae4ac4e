package io.sark.opa.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in remote OPA server on a free local port, for the gateway's fallback: it allows everything, records
 * each request (method, raw path and query, Authorization) and lists them on {@code GET /requests}. Under
 * {@code /v1/data/big/} it answers 2 MiB, under {@code /v1/data/down/} it drops the connection. Its URL is the
 * system property {@code fake-remote.url} of the test JVM, for tests run in process or against the packaged app.
 */
public class FakeRemoteOpa implements QuarkusTestResourceLifecycleManager {

    static final String URL_PROPERTY = "fake-remote.url";
    static final String TOKEN = "remote-secret";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the fake remote OPA could not start", e);
        }
        server.createContext("/v1/data", this::decide);
        server.createContext("/requests", exchange -> answer(exchange, 200, String.join("\n", requests)));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty(URL_PROPERTY, url);
        return Map.of("quarkus.sark-opa.remote.url", url, "quarkus.sark-opa.remote.token", TOKEN);
    }

    private void decide(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        if (path.startsWith("/v1/data/down/")) {
            exchange.close(); // no response at all
        } else if (path.startsWith("/v1/data/big/")) {
            answer(exchange, 200, "{\"result\": \"" + "x".repeat(2 << 20) + "\"}");
        } else {
            answer(exchange, 200, "{\"result\": true}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
