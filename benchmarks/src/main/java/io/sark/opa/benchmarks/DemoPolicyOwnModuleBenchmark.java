package io.sark.opa.benchmarks;

import com.styra.opa.wasm.OpaPolicy;
import io.sark.opa.engine.OpaInstance;
import java.util.List;
import java.util.Map;
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
 * The demo policy's Rego compiled by our own pipeline (RegoCompiler, PlanCompiler, our runtime) instead of
 * OPA's demo-policy.wasm, with the same data and 16-byte input: the bare floor on that module and our evaluator.
 * Read beside {@link DemoPolicyBenchmark}. opa-java-wasm 1.0.4 cannot load this module: it does not provide
 * the {@code env.opa_println} import that OPA's current ABI (and so our runtime) declares.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DemoPolicyOwnModuleBenchmark {

    /** The Rego of OPA's demo-policy.wasm (policies/README.md), in v1 syntax. */
    static final String DEMO_REGO = """
            package opa.wasm.test

            default allowed := false

            allowed if {
              user := input.user
              data.role[user] == "admin"
            }
            """;

    private final byte[] input = DemoPolicy.utf8(DemoPolicy.SMALL_INPUT);
    private BareOpaEval bare;
    private OpaInstance sark;
    private OpaPolicy opaJavaWasm;

    static byte[] ownModule() {
        return OwnPipeline.compileRego("demo-policy.rego", Map.of("demo-policy.rego", DEMO_REGO),
                List.of(DemoPolicy.ENTRYPOINT));
    }

    @Setup(Level.Trial)
    public void setUp() {
        byte[] wasm = ownModule();
        bare = new BareOpaEval(wasm, DemoPolicy.DATA, DemoPolicy.ENTRYPOINT);
        sark = SarkEngine.policy("demo-own", wasm, DemoPolicy.DATA).newInstance();
        DemoPolicyBenchmark.check("bare opa_eval (own module)", bare.resultText(bare.evaluate(input)));
        opaJavaWasm = OpaPolicy.builder().withPolicy(wasm).build();
        opaJavaWasm.entrypoint(DemoPolicy.ENTRYPOINT).data(DemoPolicy.DATA);
        DemoPolicyBenchmark.check("sark-opa (own module)", sarkEvaluator());
        DemoPolicyBenchmark.check("opa-java-wasm (own module)", opaJavaWasm());
    }

    @Benchmark
    public int bareOpaEvalFloor() {
        return bare.evaluate(input);
    }

    @Benchmark
    public String sarkEvaluator() {
        return sark.evaluate(DemoPolicy.ENTRYPOINT, input, SarkEngine.DEFAULT_TIMEOUT);
    }

    /** opa-java-wasm on the same module as ours: now that the module does not import env.opa_println, it loads. */
    @Benchmark
    public String opaJavaWasm() {
        return opaJavaWasm.evaluate(DemoPolicy.SMALL_INPUT);
    }
}
