package io.sark.opa.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Hands the policies compiled at build time to the evaluator at start-up. */
@Recorder
public class SarkOpaRecorder {

    private final RuntimeValue<SarkOpaConfig> config;

    public SarkOpaRecorder(RuntimeValue<SarkOpaConfig> config) {
        this.config = config;
    }

    /**
     * @param policies one entry per policy: name, revision, meta-module resource, data resource
     * @param machines the generated machine factory of each policy, in the same order
     */
    public void load(List<List<String>> policies, List<RuntimeValue<Function<Instance, Machine>>> machines) {
        SarkOpaConfig settings = config.getValue();
        Builtins builtins = ApplicationBuiltins.load();
        List<LoadedPolicy> loaded = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            List<String> p = policies.get(i);
            byte[] module = resource(p.get(2));
            byte[] data = resource(p.get(3));
            OpaPolicy policy = OpaPolicy.builder(p.get(0), Parser.parse(module))
                    .withMachineFactory(machines.get(i).getValue())
                    .withData(data)
                    .withBuiltins(builtins)
                    .withMaxMemoryPages(settings.maxMemoryPages())
                    .withMaxInputBytes(settings.maxInputBytes())
                    .withStrictBuiltinErrors(settings.strictBuiltinErrors())
                    .build();
            loaded.add(new LoadedPolicy(policy, p.get(1), Digest.sha256(module, data), settings));
        }
        Arc.container().instance(ConfiguredPolicies.class).get().set(policies.stream().map(p -> p.get(0)).toList());
        Arc.container().instance(PolicyEvaluator.class).get().install(new PolicyRegistry(loaded));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
