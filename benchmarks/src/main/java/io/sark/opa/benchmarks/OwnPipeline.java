package io.sark.opa.benchmarks;

import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.regoc.RegoCompiler;
import java.util.List;
import java.util.Map;

/** Our own pipelines to an OPA-ABI module: Rego through RegoCompiler, or an IR plan, then PlanCompiler with our runtime. */
final class OwnPipeline {

    private OwnPipeline() {}

    /** {@code sources}: file name to Rego text; entrypoints as {@code a/b/c}. */
    static byte[] compileRego(String name, Map<String, String> sources, List<String> entrypoints) {
        List<RegoModule> modules = sources.entrySet().stream()
                .map(e -> RegoParser.parseModule(e.getKey(), e.getValue()))
                .toList();
        return PlanCompiler.withBundledRuntime().compile(name, RegoCompiler.compile(modules, entrypoints));
    }

    /** An IR plan as {@code opa build -t plan} writes it, read by {@code PlanReader}. */
    static byte[] compilePlan(String name, Policy plan) {
        return PlanCompiler.withBundledRuntime().compile(name, plan);
    }
}
