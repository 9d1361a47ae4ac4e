package io.sark.opa.benchmarks;

import com.styra.opa.wasm.OpaPolicy;
import io.sark.opa.engine.OpaInstance;
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
 * One decision per input size, from 100 B to 64 KB of gateway request: our evaluator on the sample gateway's
 * plan bundle (our runtime; the module says what the entrypoint reads, so only that part of the input reaches wasm,
 * as values the host lays out; two variants pass all of it, laid out or as text the module parses, for comparison),
 * and on OPA's demo-policy.wasm beside opa-java-wasm on that module.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InputSizeBenchmark {

    static final String GATEWAY_POLICY = "plan:gateway-tools@gateway/tools/allow";

    @Param({"100", "1024", "4096", "16384", "65536"})
    public int inputBytes;

    private byte[] input;
    private String inputText;
    private BenchPolicy gateway;
    private OpaInstance sarkGateway;
    private OpaInstance sarkGatewayWholeInput;
    private OpaInstance sarkGatewayWholeTextInput;
    private OpaInstance sarkDemo;
    private OpaPolicy opaJavaWasm;

    @Setup(Level.Trial)
    public void setUp() {
        input = inputOfSize(inputBytes);
        inputText = new String(input, StandardCharsets.UTF_8);
        gateway = PolicyCatalog.load(GATEWAY_POLICY);
        sarkGateway = SarkEngine.policy(gateway.name(), gateway.wasm(), gateway.data()).newInstance();
        sarkGatewayWholeInput = SarkEngine.wholeInputPolicy(gateway.name(), gateway.wasm(), gateway.data()).newInstance();
        sarkGatewayWholeTextInput = SarkEngine.wholeTextInputPolicy(gateway.name(), gateway.wasm(), gateway.data())
                .newInstance();
        byte[] demo = DemoPolicy.wasm();
        sarkDemo = SarkEngine.demoInstance(demo);
        opaJavaWasm = OpaPolicy.builder().withPolicy(demo).build();
        opaJavaWasm.entrypoint(DemoPolicy.ENTRYPOINT).data(DemoPolicy.DATA);
        DemoPolicyBenchmark.check("sark-opa gateway plan", sarkGatewayPlan());
        DemoPolicyBenchmark.check("sark-opa gateway plan, whole input", sarkGatewayPlanWholeInput());
        DemoPolicyBenchmark.check("sark-opa gateway plan, whole input as text", sarkGatewayPlanWholeTextInput());
        DemoPolicyBenchmark.check("sark-opa demo", sarkDemoPolicy());
        DemoPolicyBenchmark.check("opa-java-wasm demo", opaJavaWasmDemoPolicy());
    }

    /** A request for alice of about {@code bytes} bytes; below the smallest full request, a padded short one. */
    static byte[] inputOfSize(int bytes) {
        byte[] full = GatewayInputs.ofSize(bytes);
        if (full.length <= bytes + 64) {
            return full;
        }
        String head = "{\"user\":\"alice\",\"tool\":\"search\",\"action\":\"invoke\",\"trace\":\"";
        return DemoPolicy.utf8(head + "x".repeat(Math.max(0, bytes - head.length() - 2)) + "\"}");
    }

    @Benchmark
    public String sarkGatewayPlan() {
        return sarkGateway.evaluate(gateway.entrypoint(), input, SarkEngine.DEFAULT_TIMEOUT);
    }

    /** The same decision with all of the input, laid out by the host: what projection alone saves. */
    @Benchmark
    public String sarkGatewayPlanWholeInput() {
        return sarkGatewayWholeInput.evaluate(gateway.entrypoint(), input, SarkEngine.DEFAULT_TIMEOUT);
    }

    /**
     * The same decision the way issue #18 found it: all of the input, as JSON text the module checks and parses
     * (the host lays out no values).
     */
    @Benchmark
    public String sarkGatewayPlanWholeTextInput() {
        return sarkGatewayWholeTextInput.evaluate(gateway.entrypoint(), input, SarkEngine.DEFAULT_TIMEOUT);
    }

    @Benchmark
    public String sarkDemoPolicy() {
        return sarkDemo.evaluate(DemoPolicy.ENTRYPOINT, input, SarkEngine.DEFAULT_TIMEOUT);
    }

    @Benchmark
    public String opaJavaWasmDemoPolicy() {
        return opaJavaWasm.evaluate(inputText);
    }
}
