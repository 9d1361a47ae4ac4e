package io.sark.opa.deployment;

import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.recording.RecorderContext;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.runtime.CompiledPolicy;
import io.sark.opa.runtime.SarkOpaRecorder;
import io.sark.opa.runtime.engine.ConfiguredPolicies;
import io.sark.opa.runtime.engine.PolicyRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.ParameterizedType;

/**
 * The compiled policies reach run time as beans the recorder makes: the {@link PolicyRegistry} the embedded
 * engine decides with, and the {@link ConfiguredPolicies} readiness waits for.
 */
class PolicyLoadingProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void policyBeans(SarkOpaRecorder recorder, RecorderContext context, List<CompiledPolicyBuildItem> compiled,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        List<CompiledPolicy> policies = compiled.stream()
                .map(p -> new CompiledPolicy(p.name(), p.revision(), p.metaModuleResource(), p.dataResource(),
                        context.newInstance(p.machineFactoryClass()), p.roots()))
                .toList();
        beans.produce(SyntheticBeanBuildItem.configure(PolicyRegistry.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .addInjectionPoint(ParameterizedType.builder(Instance.class).addArgument(ClassType.create(PolicyBuiltin.class)).build())
                .createWith(recorder.policies(policies))
                .done());
        beans.produce(SyntheticBeanBuildItem.configure(ConfiguredPolicies.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .supplier(recorder.configured(compiled.stream().map(CompiledPolicyBuildItem::name).toList()))
                .done());
    }
}
