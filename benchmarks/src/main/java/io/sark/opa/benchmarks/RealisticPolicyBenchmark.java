package io.sark.opa.benchmarks;

import io.sark.opa.engine.OpaInstance;
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
 * Our evaluator on modules our compiler made from realistic policies ({@link PolicyCatalog}): the sample
 * gateway's policies with a 1.5 KB request input, and heavy conformance plans with their own input. The
 * script passes every name found at run time with {@code -p policy=…}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RealisticPolicyBenchmark {

    @Param({"plan:gateway-tools@gateway/tools/allow"})
    public String policy;

    /** Instances share one image of the parsed data (the default) or parse their own copy (issue #18). */
    @Param({"true"})
    public boolean sharedData;

    private BenchPolicy bench;
    private OpaInstance sark;

    @Setup(Level.Trial)
    public void setUp() {
        bench = PolicyCatalog.load(policy);
        sark = SarkEngine.policy(bench.name(), bench.wasm(), bench.data(), sharedData).newInstance();
        String result = sarkEvaluator();
        if (!result.contains("\"result\"")) {
            throw new IllegalStateException(policy + " is undefined for its benchmark input: " + result);
        }
    }

    @Benchmark
    public String sarkEvaluator() {
        return sark.evaluate(bench.entrypoint(), bench.input(), SarkEngine.DEFAULT_TIMEOUT);
    }
}
