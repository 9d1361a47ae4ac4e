package io.sark.opa.benchmarks;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * The sample gateway's plan bundle and a 1 KB gateway request (as InputSizeBenchmark) decided by the three
 * machines a policy can run on: the classes Chicory's compiler generated at build time (what the extension loads
 * for built-in policies), Chicory's run-time compiler (a policy bundle activated while the application runs, with
 * {@code com.dylibso.chicory:compiler}), and Chicory's interpreter (without it, or in a native image). Also what
 * activating the module costs each way: from the module to its first instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuntimePolicyBenchmark {

    static final int INPUT_BYTES = 1024;

    private BenchPolicy gateway;
    private WasmModule module;
    private byte[] input;
    private OpaInstance buildTime;
    private OpaInstance runTimeCompiled;
    private OpaInstance interpreted;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        gateway = PolicyCatalog.load(InputSizeBenchmark.GATEWAY_POLICY);
        module = Parser.parse(gateway.wasm());
        input = InputSizeBenchmark.inputOfSize(INPUT_BYTES);
        buildTime = policy(aheadOfTime(module)).newInstance();
        runTimeCompiled = policy(MachineFactoryCompiler.compile(module)).newInstance();
        interpreted = policy(null).newInstance();
        String expected = buildTimeAot();
        DemoPolicyBenchmark.check("build-time AOT", expected);
        if (!expected.equals(runTimeCompiled()) || !expected.equals(interpreter())) {
            throw new IllegalStateException("the machines decide differently");
        }
    }

    private OpaPolicy policy(Function<Instance, Machine> machines) {
        return OpaPolicy.builder(gateway.name(), module).withMachineFactory(machines)
                .withData(DemoPolicy.utf8(gateway.data())).build();
    }

    /** As the extension's build does (deployment's ChicoryAot): classes generated, then loaded as the application's. */
    private static Function<Instance, Machine> aheadOfTime(WasmModule module) throws ReflectiveOperationException {
        String machineClass = "io.sark.opa.benchmarks.generated.GatewayMachine";
        Map<String, byte[]> classes = new HashMap<>();
        Compiler.builder(module).withClassName(machineClass).withInterpreterFallback(InterpreterFallback.SILENT)
                .build().compile().classBytes().forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        ClassLoader loader = new ClassLoader(RuntimePolicyBenchmark.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        Constructor<?> machine = loader.loadClass(machineClass).getConstructor(Instance.class);
        return instance -> {
            try {
                return (Machine) machine.newInstance(instance);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Benchmark
    public String buildTimeAot() {
        return buildTime.evaluate(gateway.entrypoint(), input, SarkEngine.DEFAULT_TIMEOUT);
    }

    @Benchmark
    public String runTimeCompiled() {
        return runTimeCompiled.evaluate(gateway.entrypoint(), input, SarkEngine.DEFAULT_TIMEOUT);
    }

    @Benchmark
    public String interpreter() {
        return interpreted.evaluate(gateway.entrypoint(), input, SarkEngine.DEFAULT_TIMEOUT);
    }

    /** A policy bundle activated with Chicory's run-time compiler: compile, validate, first instance. */
    @Benchmark
    public OpaInstance activateCompiled() {
        return policy(MachineFactoryCompiler.compile(module)).newInstance();
    }

    /** A policy bundle activated on the interpreter: validate, first instance. */
    @Benchmark
    public OpaInstance activateInterpreted() {
        return policy(null).newInstance();
    }
}
