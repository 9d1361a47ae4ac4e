package io.sark.opa.benchmarks;

import com.styra.opa.wasm.OpaPolicy;
import io.sark.opa.engine.OpaInstance;
import java.util.concurrent.TimeUnit;
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
 * One decision of OPA's demo-policy.wasm with the 16-byte input, three ways, in one run: the bare
 * {@code opa_eval} floor, our engine, and Styra's opa-java-wasm (Chicory compiler too) on the same module,
 * data and input.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DemoPolicyBenchmark {

    private final byte[] input = DemoPolicy.utf8(DemoPolicy.SMALL_INPUT);
    private BareOpaEval bare;
    private OpaPolicy opaJavaWasm;
    private OpaInstance sark;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] wasm = DemoPolicy.wasm();
        bare = new BareOpaEval(wasm, DemoPolicy.DATA, DemoPolicy.ENTRYPOINT);
        opaJavaWasm = OpaPolicy.builder().withPolicy(wasm).build();
        opaJavaWasm.entrypoint(DemoPolicy.ENTRYPOINT).data(DemoPolicy.DATA);
        sark = SarkEngine.demoInstance(wasm);
        check("bare opa_eval", bare.resultText(bare.evaluate(input)));
        check("sark-opa", sarkEvaluator());
        check("opa-java-wasm", opaJavaWasm.evaluate(DemoPolicy.SMALL_INPUT));
    }

    /** A benchmark of a wrong answer measures nothing: every contender must allow alice first. */
    static void check(String contender, String result) {
        if (!result.replace(" ", "").equals("[{\"result\":true}]")) {
            throw new IllegalStateException(contender + " answered " + result + " for alice");
        }
    }

    @Benchmark
    public int bareOpaEvalFloor() {
        return bare.evaluate(input);
    }

    /** Our engine as the extension runs it: compiled machine, the extension's default 1 s timeout armed. */
    @Benchmark
    public String sarkEvaluator() {
        return sark.evaluate(DemoPolicy.ENTRYPOINT, input, SarkEngine.DEFAULT_TIMEOUT);
    }

    @Benchmark
    public String opaJavaWasm() {
        return opaJavaWasm.evaluate(DemoPolicy.SMALL_INPUT);
    }
}
