package io.sark.opa.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.runtime.RuntimeValue;
import io.sark.opa.runtime.SarkOpaRecorder;
import java.util.ArrayList;
import java.util.List;

/** Loads the compiled policies into the evaluator when the application starts. */
class PolicyLoadingProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void load(SarkOpaRecorder recorder, RecorderContext context, List<CompiledPolicyBuildItem> compiled) {
        List<List<String>> policies = new ArrayList<>();
        List<RuntimeValue<java.util.function.Function<com.dylibso.chicory.runtime.Instance, com.dylibso.chicory.runtime.Machine>>> machines = new ArrayList<>();
        for (CompiledPolicyBuildItem policy : compiled) {
            policies.add(List.of(policy.name(), policy.revision(), policy.metaModuleResource(), policy.dataResource()));
            machines.add(context.newInstance(policy.machineFactoryClass()));
        }
        recorder.load(policies, machines);
    }
}
