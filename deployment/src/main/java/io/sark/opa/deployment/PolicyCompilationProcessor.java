package io.sark.opa.deployment;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.gizmo.ClassOutput;
import io.sark.opa.bundle.BundleException;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.bundle.RegoEntrypoints;
import io.sark.opa.bundle.RegoWasm;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaException;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.engine.UnknownBuiltinException;
import io.sark.opa.plan.PlanReader;
import io.sark.opa.plan.PlanCompiler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Turns each policy into JVM classes: Rego is compiled to a plan and plans to wasm first, every module is validated against
 * the OPA ABI and the host builtins, then Chicory compiles it to bytecode. Run time gets the classes, a
 * factory per policy, the meta module and the data document.
 */
class PolicyCompilationProcessor {

    private static final Logger LOG = Logger.getLogger(PolicyCompilationProcessor.class);
    private static final String PACKAGE = "io.sark.opa.generated.";
    private static final String RESOURCES = "META-INF/sark-opa/";

    @BuildStep
    void compile(List<PolicySourceBuildItem> sources, SarkOpaBuildConfig config, BuildProducer<GeneratedClassBuildItem> classes,
            BuildProducer<GeneratedResourceBuildItem> resources, BuildProducer<NativeImageResourceBuildItem> nativeResources,
            BuildProducer<CompiledPolicyBuildItem> compiled, List<ApplicationBuiltinBuildItem> applicationBuiltins) {
        Builtins builtins = ApplicationBuiltinProcessor.forValidation(applicationBuiltins);
        Map<String, String> entrypointOwners = new HashMap<>();
        Set<String> usedIds = new HashSet<>();
        Map<String, List<String>> configured = ConfiguredEntrypoints.byPolicy(config.entrypoints().orElse(List.of()),
                sources.stream().map(PolicySourceBuildItem::source).toList());
        for (PolicySourceBuildItem item : sources) {
            PolicySource source = item.source();
            byte[] wasm = wasmOf(source, configured.getOrDefault(source.name(), List.of()));
            WasmModule module = parse(source, wasm);
            Set<String> entrypoints = validate(source, module, builtins);
            for (String entrypoint : entrypoints) {
                String owner = entrypointOwners.putIfAbsent(entrypoint, source.origin());
                if (owner != null) {
                    throw new PolicyBuildException("entrypoint '" + entrypoint + "' is in two policies: " + owner
                            + " and " + source.origin());
                }
            }

            String id = uniqueId(javaIdentifier(source.name()), usedIds);
            String machineClass = PACKAGE + id + "Machine";
            String factoryClass = PACKAGE + id + "MachineFactory";
            CompilerResult result = Compiler.builder(module)
                    .withClassName(machineClass)
                    .withInterpreterFallback(InterpreterFallback.SILENT)
                    .build()
                    .compile();
            if (!result.interpretedFunctions().isEmpty()) {
                LOG.warnf("%s: functions %s are too large for a JVM method and will run interpreted",
                        source.origin(), new TreeSet<>(result.interpretedFunctions()));
            }
            result.classBytes().forEach((name, bytes) ->
                    classes.produce(new GeneratedClassBuildItem(true, name.replace('.', '/'), bytes)));
            MachineFactoryGenerator.generate(classOutput(classes), factoryClass, machineClass);

            String metaResource = RESOURCES + id + ".meta.wasm";
            String dataResource = RESOURCES + id + ".data.json";
            resources.produce(new GeneratedResourceBuildItem(metaResource,
                    MetaModule.strip(wasm, result.interpretedFunctions())));
            resources.produce(new GeneratedResourceBuildItem(dataResource, source.data()));
            nativeResources.produce(new NativeImageResourceBuildItem(metaResource, dataResource));
            compiled.produce(new CompiledPolicyBuildItem(source.name(), source.revision(), metaResource, dataResource,
                    factoryClass, entrypoints));
        }
    }

    private static byte[] wasmOf(PolicySource source, List<String> configuredEntrypoints) {
        if (source.kind() == PolicySource.Kind.WASM) {
            return source.module();
        }
        if (source.kind() == PolicySource.Kind.REGO) {
            try {
                return RegoWasm.compile(source.origin(), source.regoModules(),
                        RegoEntrypoints.select(source.origin(), source.regoModules(), configuredEntrypoints));
            } catch (BundleException e) {
                throw new PolicyBuildException(e.getMessage(), e);
            }
        }
        try {
            return PlanCompiler.withBundledRuntime().compile(source.origin(), PlanReader.read(source.origin(), source.module()));
        } catch (RuntimeException e) {
            throw new PolicyBuildException(source.origin() + ": the plan cannot be compiled: " + e.getMessage(), e);
        }
    }

    private static WasmModule parse(PolicySource source, byte[] wasm) {
        try {
            return Parser.parse(wasm);
        } catch (RuntimeException e) {
            throw new PolicyBuildException(source.origin() + ": not a valid wasm module: " + e.getMessage(), e);
        }
    }

    /** Loads the module once with the interpreter: ABI, version, builtins and data are checked there. */
    private static Set<String> validate(PolicySource source, WasmModule module, Builtins builtins) {
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

    /** A policy name as part of a Java class name: {@code my-policy.v2} becomes {@code My_policy_v2}. */
    /** Names like {@code my-policy} and {@code my_policy} map to one identifier: number the later ones. */
    static String uniqueId(String id, Set<String> used) {
        String unique = id;
        for (int n = 2; !used.add(unique.toLowerCase(java.util.Locale.ROOT)); n++) {
            unique = id + "_" + n; // lower-cased check: resource and class files may land on a case-blind disk
        }
        return unique;
    }

    static String javaIdentifier(String name) {
        StringBuilder id = new StringBuilder();
        for (char c : name.toCharArray()) {
            id.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        if (id.length() == 0 || !Character.isJavaIdentifierStart(id.charAt(0))) {
            id.insert(0, 'P');
        }
        id.setCharAt(0, Character.toUpperCase(id.charAt(0)));
        return id.toString();
    }
}
