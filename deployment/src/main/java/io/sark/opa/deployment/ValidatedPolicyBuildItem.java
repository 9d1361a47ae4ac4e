package io.sark.opa.deployment;

import com.dylibso.chicory.wasm.WasmModule;
import io.quarkus.builder.item.MultiBuildItem;
import io.sark.opa.bundle.PolicySource;
import java.util.Set;

/** A policy whose module loaded with its data and builtins, with the entrypoints it has. */
public final class ValidatedPolicyBuildItem extends MultiBuildItem {

    private final PolicySource source;
    private final byte[] wasm;
    private final WasmModule module;
    private final Set<String> entrypoints;

    public ValidatedPolicyBuildItem(PolicySource source, byte[] wasm, WasmModule module, Set<String> entrypoints) {
        this.source = source;
        this.wasm = wasm;
        this.module = module;
        this.entrypoints = entrypoints;
    }

    public PolicySource source() {
        return source;
    }

    public byte[] wasm() {
        return wasm;
    }

    public WasmModule module() {
        return module;
    }

    public Set<String> entrypoints() {
        return entrypoints;
    }
}
