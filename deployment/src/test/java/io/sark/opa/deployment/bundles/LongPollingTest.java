package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long polling as OPA's downloader does it (v1/download/download.go): each request carries
 * {@code Prefer: wait=<seconds>}; when the server answers with the content type
 * {@code application/vnd.openpolicyagent.bundles}, the next request goes out at once instead of after the
 * polling delay (60 s here). The server holds each conditional request 200 ms, then answers 304, and refuses
 * a request without the header.
 */
class LongPollingTest {

    static final String KEY = "long-polling-test";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset("package pair\n\n# METADATA\n# entrypoint: true\na := data.store.a\n"),
                    "policies/pair/pair.rego")
            .addAsResource(new StringAsset("{\"a\": 0}"), "policies/store/data.json")
            .addClass(BundleServer.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.sark-opa.services.lp.url", "http://127.0.0.1:" + port())
            .overrideConfigKey("quarkus.sark-opa.bundles.store.service", "lp")
            .overrideConfigKey("quarkus.sark-opa.bundles.store.polling.long-polling-timeout", "1s");

    private static HttpServer server;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    MeterRegistry meters;

    private static int port() {
        String port = System.getProperty(KEY + ".port");
        if (port != null) {
            return Integer.parseInt(port);
        }
        try {
            byte[] bundle = BundleServer.bundle("lp-1", List.of("store"), "{\"a\": 1}");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/bundles/store", exchange -> answer(exchange, bundle));
            server.start();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty(KEY + ".port", String.valueOf(server.getAddress().getPort()));
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, byte[] bundle) throws IOException {
        try (exchange) {
            if (!"wait=1".equals(exchange.getRequestHeaders().getFirst("Prefer"))) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.openpolicyagent.bundles");
            exchange.getResponseHeaders().set("ETag", "\"lp-1\"");
            if ("\"lp-1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                Thread.sleep(200); // held until "nothing changed"
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bundle.length);
            exchange.getResponseBody().write(bundle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
        System.clearProperty(KEY + ".port");
    }

    @Test
    void aLongPollingServerIsAskedAgainAtOnce() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> String.valueOf(evaluator.evaluateBlocking("pair/a", Map.of()).value()).equals("1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("not_modified") >= 3);
        assertThat(count("failed")).isZero();
    }

    private double count(String result) {
        var counter = meters.find("sark.opa.bundle.downloads").tags("bundle", "store", "result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
