package io.sark.opa.benchmarks;

import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.standalone.StandaloneEvaluator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logmanager.LogContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A gateway request handed over as Java objects (issue #18: "a 20-field Map decides in 2 µs or less"): the sample
 * gateway's plan policy through the extension's evaluator, cache off, with a 20-field {@code Map} as input, and the
 * same request as JSON bytes for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JavaObjectInputBenchmark {

    private static final String POLICY = "plan:gateway-tools@gateway/tools/allow";

    private BenchPolicy bench;
    private PolicyEvaluator evaluator;
    private Map<String, Object> request;
    private byte[] requestJson;

    @Setup(Level.Trial)
    public void setUp() {
        LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        bench = PolicyCatalog.load(POLICY);
        OpaPolicy policy = SarkEngine.policy(bench.name(), bench.wasm(), bench.data());
        evaluator = StandaloneEvaluator.builder()
                .policy(policy, bench.wasm(), bench.data().getBytes(StandardCharsets.UTF_8))
                .config("quarkus.sark-opa.cache.enabled", "false")
                .build();
        request = new LinkedHashMap<>();
        request.put("user", "alice");
        request.put("tool", "search");
        request.put("action", "invoke");
        request.put("tenant", "acme");
        request.put("method", "POST");
        request.put("path", "/tools/search/invoke");
        request.put("requestId", "3f6c2a1e-8b7d-4e0f-9a51-2c4d6e8f0a1b");
        request.put("contentType", "application/json");
        request.put("sensitivity", 2);
        request.put("roles", List.of("admin", "developer"));
        request.put("region", "eu-west-1");
        request.put("clientIp", "10.1.2.3");
        request.put("userAgent", "gateway-client/1.4");
        request.put("sessionAge", 1834);
        request.put("mfa", true);
        request.put("scopes", List.of("tools:read", "tools:invoke"));
        request.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        request.put("timestamp", "2026-12-06T10:00:00Z");
        request.put("resource", Map.of("tenant", "acme", "sensitivity", "internal"));
        request.put("attempt", 1);
        requestJson = io.vertx.core.json.Json.encode(request).getBytes(StandardCharsets.UTF_8);
        if (!mapInput().allowed() || !jsonInput().allowed()) {
            throw new IllegalStateException(POLICY + " did not allow alice to use search");
        }
    }

    @Benchmark
    public Decision mapInput() {
        return evaluator.evaluateBlocking(bench.entrypoint(), request);
    }

    @Benchmark
    public Decision jsonInput() {
        return evaluator.evaluateBlocking(bench.entrypoint(), requestJson);
    }
}
