package io.sark.opa.runtime.bundles;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.engine.PolicyLoadException;
import io.sark.opa.engine.PolicySourceCompiler;
import io.sark.opa.runtime.json.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Makes the policy a bundle carries ready to run: its {@code .wasm} module as it is, or its {@code plan.json} or
 * Rego compiled by the {@link PolicySourceCompiler} when the application has one; over the bundle's data, with the
 * application's builtins, each of which the module imports must resolve.
 */
final class PolicyBundleLoader {

    /** A policy made from a bundle, and the digest of its module and data that cache keys carry. */
    record Loaded(OpaPolicy policy, String fingerprint) {}

    private final Builtins builtins;
    private final RuntimeMachines machines;
    private final Optional<PolicySourceCompiler> compiler;
    private final UnaryOperator<OpaPolicy.Builder> limits;

    /** @param limits applies the application's limits (memory, input size, strict builtin errors) */
    PolicyBundleLoader(Builtins builtins, RuntimeMachines machines, Optional<PolicySourceCompiler> compiler,
            UnaryOperator<OpaPolicy.Builder> limits) {
        this.builtins = builtins;
        this.machines = machines;
        this.compiler = compiler;
        this.limits = limits;
    }

    RuntimeMachines machines() {
        return machines;
    }

    /**
     * @param name the policy's name: the bundle's
     * @throws BundleException naming the file or the builtins when the policy cannot be made
     */
    Loaded load(String name, DataBundle bundle) {
        byte[] wasm = module(name, bundle.policyFiles());
        byte[] data = bundle.data().toString().getBytes(StandardCharsets.UTF_8);
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException e) {
            throw new BundleException("the policy's wasm module is invalid: " + e.getMessage());
        }
        try {
            OpaPolicy policy = limits.apply(OpaPolicy.builder(name, module)
                    .withMachineFactory(machines.factory(module))
                    .withData(data)
                    .withBuiltins(builtins))
                    .build();
            return new Loaded(policy, Digest.sha256(wasm, data));
        } catch (PolicyLoadException | ChicoryException e) {
            throw new BundleException(e.getMessage());
        }
    }

    private byte[] module(String name, Map<String, byte[]> files) {
        List<String> modules = files.keySet().stream().filter(p -> p.endsWith(".wasm")).toList();
        if (modules.size() > 1) {
            throw new BundleException("holds " + modules.size() + " wasm modules " + modules
                    + "; a bundle activated at run time carries one policy");
        }
        if (modules.size() == 1) {
            return files.get(modules.get(0));
        }
        String source = files.keySet().stream().filter(p -> !p.equals(DataBundle.MANIFEST)).findFirst().orElseThrow();
        PolicySourceCompiler sources = compiler.orElseThrow(() -> new BundleException(source
                + ": compiling plan.json or Rego at run time needs the dependency " + PolicySourceCompiler.ARTIFACT
                + "; or serve the bundle built to wasm (opa build -t wasm)"));
        try {
            return sources.toWasm("bundle '" + name + "'", files);
        } catch (RuntimeException e) {
            throw new BundleException(e.getMessage() == null ? source + ": cannot be compiled" : e.getMessage());
        }
    }
}
