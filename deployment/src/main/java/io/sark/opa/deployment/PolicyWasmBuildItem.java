package io.sark.opa.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import io.sark.opa.bundle.PolicySource;

/** A policy as a wasm module speaking OPA's ABI: compiled from Rego or a plan, or as the bundle shipped it. */
public final class PolicyWasmBuildItem extends MultiBuildItem {

    private final PolicySource source;
    private final byte[] wasm;

    public PolicyWasmBuildItem(PolicySource source, byte[] wasm) {
        this.source = source;
        this.wasm = wasm;
    }

    public PolicySource source() {
        return source;
    }

    public byte[] wasm() {
        return wasm;
    }
}
