package io.sark.opa.bundle;

import io.sark.opa.ir.Plan;
import io.sark.opa.ir.PlanReader;
import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.regoc.RegoCompileException;
import io.sark.opa.regoc.RegoCompiler;
import java.util.List;

/**
 * The one way from a policy source to an OPA-ABI wasm module, for the extension's build and the command line: an
 * OPA-built module as it is, a plan through the plan compiler, Rego through the Rego compiler and then the plan
 * compiler. Rego that does not compile fails with one {@link RegoCompileException} listing every error found; a
 * plan or Rego calling a builtin embedded evaluation lacks by design ({@code http.send}) fails the same way, naming
 * each call; any other failure is a {@link BundleException} that names the source and the problem.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {}

    /** A compiled policy: its module and the entrypoints it exports, in order. */
    public record CompiledWasm(byte[] wasm, List<String> entrypoints) {}

    /**
     * @param requestedEntrypoints for Rego, entrypoints wanted beside those its METADATA marks (as {@code opa build
     *     -e}); ignored for modules and plans, whose entrypoints are their own
     */
    public static CompiledWasm toWasm(PolicySource source, List<String> requestedEntrypoints) {
        return switch (source.kind()) {
            case WASM -> new CompiledWasm(source.module(), source.entrypoints());
            case REGO -> {
                List<String> entrypoints = RegoEntrypoints.select(source.origin(), source.regoModules(), requestedEntrypoints);
                Policy policy = RegoCompiler.compile(source.regoModules(), entrypoints);
                EmbeddedEvaluation.check(policy);
                yield new CompiledWasm(RegoWasm.compile(source.origin(), policy), entrypoints);
            }
            case PLAN -> plan(source);
        };
    }

    private static CompiledWasm plan(PolicySource source) {
        try {
            Policy plan = PlanReader.read(source.origin(), source.module());
            EmbeddedEvaluation.check(plan);
            byte[] wasm = PlanCompiler.withBundledRuntime().compile(source.origin(), plan);
            return new CompiledWasm(wasm, plan.plans().stream().map(Plan::name).toList());
        } catch (RegoCompileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BundleException(source.origin() + ": the plan cannot be compiled: " + e.getMessage(), e);
        }
    }
}
