package io.sark.opa.runtime;

import com.dylibso.chicory.wasm.Parser;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.engine.ConfiguredPolicies;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.engine.PolicyRegistry;
import io.sark.opa.runtime.json.Digest;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Makes the beans that hand the policies compiled at build time to run time. */
@Recorder
public class SarkOpaRecorder {

    // the policy registry bean's one injection point
    private static final TypeLiteral<Instance<PolicyBuiltin>> BUILTINS = new TypeLiteral<>() {};

    private final RuntimeValue<SarkOpaConfig> config;

    public SarkOpaRecorder(RuntimeValue<SarkOpaConfig> config) {
        this.config = config;
    }

    /**
     * Creates the {@link PolicyRegistry} bean: each policy loaded with the run-time settings and builtins. The
     * bean must declare an injection point {@code Instance<PolicyBuiltin>}: the application's builtins.
     */
    public Function<SyntheticCreationalContext<PolicyRegistry>, PolicyRegistry> policies(List<CompiledPolicy> policies) {
        return context -> {
            SarkOpaConfig settings = config.getValue();
            Builtins builtins = ApplicationBuiltins.of(context.getInjectedReference(BUILTINS));
            return new PolicyRegistry(policies.stream().map(p -> load(p, settings, builtins)).toList());
        };
    }

    /** Creates the {@link ConfiguredPolicies} bean. */
    public Supplier<ConfiguredPolicies> configured(List<String> names) {
        return () -> new ConfiguredPolicies(names);
    }

    private static LoadedPolicy load(CompiledPolicy compiled, SarkOpaConfig settings, Builtins builtins) {
        byte[] module = resource(compiled.moduleResource());
        byte[] data = resource(compiled.dataResource());
        OpaPolicy policy = OpaPolicy.builder(compiled.name(), Parser.parse(module))
                .withMachineFactory(compiled.machines().getValue())
                .withData(data)
                .withBuiltins(builtins)
                .withMaxMemoryPages(settings.maxMemoryPages())
                .withMaxInputBytes(settings.maxInputBytes())
                .withStrictBuiltinErrors(settings.strictBuiltinErrors())
                .withSharedData(settings.sharedData())
                .build();
        return new LoadedPolicy(policy, compiled.revision(), Digest.sha256(module, data), settings, compiled.roots());
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
