package io.sark.opa.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Cost of parsing input JSON inside wasm, per input size, side by side: OPA's runtime (in demo-policy.wasm)
 * and ours (opa-runtime.wasm), both compiled to bytecode by Chicory, both through {@code opa_json_parse}.
 * Divide by the size in KB for the cost per KB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonParseBenchmark {

    @Param({"1024", "16384"})
    public int inputBytes;

    private RawModule opaRuntime;
    private RawModule ourRuntime;
    private byte[] input;

    @Setup(Level.Trial)
    public void setUp() {
        input = GatewayInputs.ofSize(inputBytes);
        opaRuntime = new RawModule(DemoPolicy.wasm());
        ourRuntime = new RawModule(ourRuntimeLibrary());
        for (RawModule module : new RawModule[] {opaRuntime, ourRuntime}) {
            if (module.parseJson(input) == 0) {
                throw new IllegalStateException("a runtime rejected the benchmark input");
            }
        }
    }

    static byte[] ourRuntimeLibrary() {
        try (InputStream in = JsonParseBenchmark.class.getResourceAsStream("/io/sark/opa/compiler/runtime/opa-runtime.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public int opaRuntimeParse() {
        return opaRuntime.parseJson(input);
    }

    @Benchmark
    public int ourRuntimeParse() {
        return ourRuntime.parseJson(input);
    }

    /** What {@code opa_eval} of our runtime does with input: validate all, materialise on first access. */
    @Benchmark
    public int ourRuntimeLazyParse() {
        return ourRuntime.parseJsonLazily(input);
    }
}
