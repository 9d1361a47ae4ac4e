package io.sark.opa.bundle;

import io.sark.opa.plan.PlanCompileException;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.regoc.RegoCompileException;
import io.sark.opa.regoc.RegoCompiler;
import java.util.List;

/** Rego modules to an OPA-ABI wasm module: the Rego compiler's IR plan, then the plan compiler. */
public final class RegoWasm {

    private RegoWasm() {}

    /** Fails with a {@link BundleException} naming {@code file:line:column} and the problem the compiler found. */
    public static byte[] compile(String origin, List<RegoModule> modules, List<String> entrypoints) {
        try {
            return PlanCompiler.withBundledRuntime().compile(origin, RegoCompiler.compile(modules, entrypoints));
        } catch (RegoCompileException e) {
            throw new BundleException(e.getMessage(), e);
        } catch (PlanCompileException e) {
            throw new BundleException(origin + ": the compiled Rego cannot be linked: " + e.getMessage(), e);
        }
    }
}
