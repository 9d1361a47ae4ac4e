package io.sark.opa.deployment;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.gizmo.ClassOutput;
import io.sark.opa.bundle.BundleException;
import io.sark.opa.bundle.PolicyCompiler;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaException;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.engine.UnknownBuiltinException;
import io.sark.opa.regoc.RegoCompileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Turns each policy into JVM classes, one concern per step: Rego and plans become wasm; every module is
 * validated against the OPA ABI, its data and the builtins; no two policies may share an entrypoint; Chicory
 * compiles the modules to bytecode; run time gets the meta modules and the data as resources. A policy that
 * fails a step is reported as a validation error, and the build fails naming every such policy at once.
 */
class PolicyCompilationProcessor {

    private static final Logger LOG = Logger.getLogger(PolicyCompilationProcessor.class);
    private static final String PACKAGE = "io.sark.opa.generated.";

    @BuildStep
    void wasm(List<PolicySourceBuildItem> sources, SarkOpaBuildConfig config, BuildProducer<PolicyWasmBuildItem> modules,
            BuildProducer<ValidationErrorBuildItem> errors) {
        List<PolicySource> all = sources.stream().map(PolicySourceBuildItem::source).toList();
        Map<String, List<String>> configured;
        try {
            configured = ConfiguredEntrypoints.byPolicy(config.entrypoints().orElse(List.of()), config.allEntrypoints(),
                    all);
        } catch (PolicyBuildException e) {
            errors.produce(new ValidationErrorBuildItem(e));
            return;
        }
        for (PolicySource source : all) {
            try {
                modules.produce(new PolicyWasmBuildItem(source, wasmOf(source, configured.getOrDefault(source.name(), List.of()))));
            } catch (PolicyBuildException e) {
                errors.produce(new ValidationErrorBuildItem(e));
            }
        }
    }

    /** Loads each module once with the interpreter: ABI, version, builtins and data are checked there. */
    @BuildStep
    void validate(List<PolicyWasmBuildItem> modules, List<ApplicationBuiltinBuildItem> applicationBuiltins,
            BuildProducer<ValidatedPolicyBuildItem> validated, BuildProducer<ValidationErrorBuildItem> errors) {
        Builtins builtins = ApplicationBuiltinProcessor.forValidation(applicationBuiltins);
        for (PolicyWasmBuildItem item : modules) {
            try {
                WasmModule module = parse(item.source(), item.wasm());
                validated.produce(new ValidatedPolicyBuildItem(item.source(), item.wasm(), module,
                        entrypoints(item.source(), module, builtins)));
            } catch (PolicyBuildException e) {
                errors.produce(new ValidationErrorBuildItem(e));
            }
        }
    }

    /** Each entrypoint is answered by one policy. */
    @BuildStep
    void entrypointOwners(List<ValidatedPolicyBuildItem> policies, BuildProducer<ValidationErrorBuildItem> errors) {
        Map<String, String> owners = new HashMap<>();
        for (ValidatedPolicyBuildItem policy : policies) {
            for (String entrypoint : policy.entrypoints()) {
                String owner = owners.putIfAbsent(entrypoint, policy.source().origin());
                if (owner != null) {
                    errors.produce(new ValidationErrorBuildItem(new PolicyBuildException("entrypoint '" + entrypoint
                            + "' is in two policies: " + owner + " and " + policy.source().origin())));
                }
            }
        }
    }

    @BuildStep
    void compile(List<ValidatedPolicyBuildItem> policies, BuildProducer<GeneratedClassBuildItem> classes,
            BuildProducer<CompiledPolicyBuildItem> compiled) {
        Map<String, String> ids = PolicyIds.of(policies.stream().map(p -> p.source().name()).toList());
        for (ValidatedPolicyBuildItem policy : policies) {
            PolicySource source = policy.source();
            String id = ids.get(source.name());
            String machineClass = PACKAGE + id + "Machine";
            String factoryClass = PACKAGE + id + "MachineFactory";
            ChicoryAot.Result result = ChicoryAot.compile(policy.module(), machineClass);
            if (!result.interpretedFunctions().isEmpty()) {
                LOG.warnf("%s: functions %s are too large for a JVM method and will run interpreted",
                        source.origin(), new TreeSet<>(result.interpretedFunctions()));
            }
            result.classes().forEach((name, bytes) ->
                    classes.produce(new GeneratedClassBuildItem(true, name.replace('.', '/'), bytes)));
            MachineFactoryGenerator.generate(classOutput(classes), factoryClass, machineClass);
            compiled.produce(new CompiledPolicyBuildItem(id, source.name(), source.revision(),
                    MetaModule.strip(policy.wasm(), result.interpretedFunctions()), source.data(), factoryClass,
                    policy.entrypoints(), source.roots()));
        }
    }

    @BuildStep
    void resources(List<CompiledPolicyBuildItem> compiled, BuildProducer<GeneratedResourceBuildItem> resources,
            BuildProducer<NativeImageResourceBuildItem> nativeResources) {
        for (CompiledPolicyBuildItem policy : compiled) {
            resources.produce(new GeneratedResourceBuildItem(policy.metaModuleResource(), policy.metaModule()));
            resources.produce(new GeneratedResourceBuildItem(policy.dataResource(), policy.data()));
            nativeResources.produce(new NativeImageResourceBuildItem(policy.metaModuleResource(), policy.dataResource()));
        }
    }

    private static byte[] wasmOf(PolicySource source, List<String> configuredEntrypoints) {
        try {
            return PolicyCompiler.toWasm(source, configuredEntrypoints).wasm();
        } catch (BundleException | RegoCompileException e) {
            throw new PolicyBuildException(e.getMessage(), e);
        }
    }

    private static WasmModule parse(PolicySource source, byte[] wasm) {
        try {
            return Parser.parse(wasm);
        } catch (RuntimeException e) {
            throw new PolicyBuildException(source.origin() + ": not a valid wasm module: " + e.getMessage(), e);
        }
    }

    private static Set<String> entrypoints(PolicySource source, WasmModule module, Builtins builtins) {
        OpaPolicy policy;
        try {
            policy = OpaPolicy.builder(source.name(), module).withData(source.data()).withBuiltins(builtins).build();
        } catch (UnknownBuiltinException e) {
            throw new PolicyBuildException(source.origin() + ": " + e.getMessage() + "; an application provides its own"
                    + " builtin as a bean implementing io.sark.opa.PolicyBuiltin, annotated @OpaBuiltin(name, arity)", e);
        } catch (OpaException e) {
            throw new PolicyBuildException(source.origin() + ": " + e.getMessage(), e);
        }
        Set<String> entrypoints = new TreeSet<>(policy.entrypoints().keySet());
        for (String declared : source.entrypoints()) {
            if (!entrypoints.contains(declared)) {
                throw new PolicyBuildException(source.origin() + ": the manifest declares entrypoint '" + declared
                        + "', which the module does not have (it has " + entrypoints + ")");
            }
        }
        return entrypoints;
    }

    private static ClassOutput classOutput(BuildProducer<GeneratedClassBuildItem> classes) {
        return (name, data) -> classes.produce(new GeneratedClassBuildItem(true, name, data));
    }
}
