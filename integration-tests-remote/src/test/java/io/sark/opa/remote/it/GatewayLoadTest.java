package io.sark.opa.remote.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bounded load on the packaged gateway, its decision API on and its decision cache enabled, in a 256 MiB heap:
 * valid decisions mixed with the bad requests of the abuse suite (malformed and extreme JSON, oversized bodies,
 * hostile paths, a wrong token). Guards that no valid request ever gets a wrong answer, that no bad request gets a
 * 5xx or an allow, and that the heap after a full collection returns to its baseline: no input, however large or
 * distinct, stays behind in the cache or anywhere else beyond the cache's bound.
 */
class GatewayLoadTest {

    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 1500;
    /** The decision cache's bound (set below) and the slack of a JVM that has served a load. */
    private static final long CACHE_BYTES = 16L << 20;
    private static final long SLACK_BYTES = 24L << 20;

    private static SampleGatewayProcess gateway;
    private static final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        gateway = SampleGatewayProcess.start(List.of("-Xmx256m",
                "-Dquarkus.sark-opa.cache.enabled=true",
                "-Dquarkus.sark-opa.cache.max-bytes=" + CACHE_BYTES));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void validDecisionsStayRightAndMemoryReturnsToItsBaselineUnderAMixOfBadRequests() throws Exception {
        for (int i = 0; i < 200; i++) { // warm up: classes loaded, instances made, JIT at work
            send(valid(i));
        }
        long baseline = heapUsedAfterFullGc();

        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger served = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    int n = thread * REQUESTS_PER_THREAD + i;
                    Probe probe = n % 4 == 3 ? bad(n) : valid(n);
                    String problem;
                    try {
                        problem = probe.check(send(probe));
                    } catch (IOException closed) {
                        // a server may refuse an oversized body by answering 413 and closing the connection mid-upload
                        problem = probe.status() == 413 ? null : probe.what() + ": " + closed;
                    }
                    if (problem != null) {
                        wrong.add(problem);
                    }
                    served.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(served.get()).isEqualTo(THREADS * REQUESTS_PER_THREAD);
        assertThat(wrong).as("wrong answers").isEmpty();
        long after = heapUsedAfterFullGc();
        System.out.printf("GatewayLoadTest: %d requests, heap after a full GC: %d KiB before the load, %d KiB after%n",
                served.get(), baseline / 1024, after / 1024);
        assertThat(after).as("heap after the load, against its baseline of %d bytes", baseline)
                .isLessThanOrEqualTo(baseline + CACHE_BYTES + SLACK_BYTES);
    }

    /** A request and what its answer must be. */
    private record Probe(String what, HttpRequest request, int status, String body) {

        /** Null when the answer is right, else what was wrong. */
        String check(HttpResponse<String> answer) {
            boolean right = status >= 400
                    ? answer.statusCode() >= 400 && answer.statusCode() < 500 && !answer.body().contains("true")
                    : answer.statusCode() == status && answer.body().replace(" ", "").contains(body);
            return right ? null : what + ": got " + answer.statusCode() + " " + abbreviate(answer.body());
        }
    }

    /** Alice may, bob may not, on both of the gateway's policies; a counter no policy reads makes each input new. */
    private static Probe valid(int n) {
        boolean alice = n % 2 == 0;
        String user = alice ? "alice" : "bob";
        if (n % 3 == 0) {
            return post("demo " + user, "/v1/data/opa/wasm/test/allowed",
                    "{\"input\":{\"user\":\"" + user + "\",\"request\":" + n + "}}", 200, "\"result\":" + alice);
        }
        return post("tools " + user, "/v1/data/gateway/tools/allow",
                "{\"input\":{\"user\":\"" + user + "\",\"tool\":\"deploy\",\"request\":" + n + "}}", 200,
                "\"result\":" + alice);
    }

    /** One of the abuse suite's bad requests: each gets a 4xx (or the denial it deserves), never a 5xx or an allow. */
    private static Probe bad(int n) {
        String demo = "/v1/data/opa/wasm/test/allowed";
        switch ((n / 4) % 8) {
            case 0:
                return post("malformed JSON", demo, "{\"input\":{\"user\":", 400, null);
            case 1:
                return post("absurd exponent", demo, "{\"input\":{\"user\":\"bob\",\"z\":1e2147483648}}", 400, null);
            case 2:
                return post("nesting beyond the limit", demo,
                        "{\"input\":{\"user\":\"alice\",\"deep\":" + "[".repeat(300) + "]".repeat(300) + "}}", 400, null);
            case 3:
                return post("oversized input", demo,
                        "{\"input\":{\"user\":\"alice\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}}", 413, null);
            case 4:
                return post("entrypoint with an encoded '#'", demo + "%23", "{\"input\":{\"user\":\"alice\"}}", 404, null);
            case 5:
                return post("entrypoint with an encoded '?'", demo + "%3Fx=1", "{\"input\":{\"user\":\"alice\"}}", 404, null);
            case 6:
                return new Probe("wrong token", HttpRequest.newBuilder(URI.create(gateway.url() + demo))
                        .header("Authorization", "Bearer not-the-token")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{\"user\":\"alice\"}}"))
                        .timeout(Duration.ofSeconds(30)).build(), 401, null);
            default: // valid JSON that OPA accepts: a lone surrogate names no user, so the answer is no
                return post("lone surrogate", demo, "{\"input\":{\"user\":\"\\ud800\"}}", 200, "\"result\":false");
        }
    }

    private static Probe post(String what, String path, String body, int status, String expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + SampleGatewayProcess.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30))
                .build();
        return new Probe(what, request, status, expected);
    }

    private static HttpResponse<String> send(Probe probe) throws IOException, InterruptedException {
        return client.send(probe.request(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Heap in use after a full collection of the gateway's JVM, as {@code jcmd GC.heap_info} reports it. */
    private static long heapUsedAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        assertThat(used.find()).as("jcmd GC.heap_info output: %s", info).isTrue();
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(String command) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jcmd = java.replaceAll("java$", "jcmd");
        Process process = new ProcessBuilder(jcmd, Long.toString(gateway.pid()), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jcmd %s finished", command).isTrue();
        return output;
    }
}
