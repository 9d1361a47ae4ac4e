package io.sark.opa.benchmarks;

import io.sark.opa.engine.OpaInstance;
import io.sark.opa.runtime.json.CanonicalJson;
import io.sark.opa.runtime.json.Digest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a decision-cache look-up costs before it can answer, against what it saves: the canonical input
 * (key of the in-process cache, hashed by the map), the same plus the SHA-256 that names a Redis entry,
 * and one evaluation of the demo policy on that input by our engine. The cache pays off when the key costs
 * far less than the evaluation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheKeyBenchmark {

    @Param({"1024"})
    public int inputBytes;

    private byte[] input;
    private OpaInstance engine;

    @Setup(Level.Trial)
    public void setUp() {
        input = GatewayInputs.ofSize(inputBytes);
        engine = SarkEngine.demoInstance(DemoPolicy.wasm());
        if (!engine.evaluate(DemoPolicy.ENTRYPOINT, input, SarkEngine.DEFAULT_TIMEOUT).equals("[{\"result\":true}]")) {
            throw new IllegalStateException("the demo policy should allow alice");
        }
    }

    @Benchmark
    public int canonicalKey() {
        return java.util.Arrays.hashCode(CanonicalJson.of(input));
    }

    @Benchmark
    public String canonicalKeyAndDigest() {
        return Digest.sha256(DemoPolicy.ENTRYPOINT.getBytes(StandardCharsets.UTF_8), CanonicalJson.of(input));
    }

    @Benchmark
    public String evaluate() {
        return engine.evaluate(DemoPolicy.ENTRYPOINT, input, SarkEngine.DEFAULT_TIMEOUT);
    }
}
