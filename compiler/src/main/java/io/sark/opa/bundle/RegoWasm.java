package io.sark.opa.bundle;

import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompileException;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.regoc.RegoCompileException;
import io.sark.opa.regoc.RegoCompiler;
import java.util.List;

/** Rego modules to an OPA-ABI wasm module: the Rego compiler's IR plan, then the plan compiler. */
public final class RegoWasm {

    private RegoWasm() {}

    /**
     * Fails with a {@link RegoCompileException} listing every error the compiler found (with {@code file:line:column}),
     * or a {@link BundleException} when the plan cannot be linked.
     */
    public static byte[] compile(String origin, List<RegoModule> modules, List<String> entrypoints) {
        return compile(origin, RegoCompiler.compile(modules, entrypoints));
    }

    /** The Rego compiler's plan to wasm. */
    static byte[] compile(String origin, Policy policy) {
        try {
            return PlanCompiler.withBundledRuntime().compile(origin, policy);
        } catch (PlanCompileException e) {
            throw new BundleException(origin + ": the compiled Rego cannot be linked: " + e.getMessage(), e);
        }
    }
}
