package io.sark.opa.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a module says about itself through the ABI: its version, entrypoints and imported builtins. Read
 * once, from a probe instance that also proves the module instantiates and accepts the policy's data.
 */
record ModuleShape(AbiVersion version, Map<String, Integer> entrypoints, Map<String, Integer> builtinIds,
        InputPaths inputPaths) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ModuleShape probe(String policy, WasmModule module, Function<Instance, Machine> machineFactory,
            MemoryLimits memoryLimits, byte[] data) {
        checkDataIsJson(policy, data);
        List<String> missing = AbiExports.missingExports(module, false);
        if (!missing.isEmpty()) {
            throw new PolicyLoadException("policy '" + policy + "' is not an OPA wasm module: it does not export "
                    + String.join(", ", missing));
        }
        Live live = instantiate(policy, module, machineFactory, CopyOnWriteMemory.fresh(memoryLimits), new Builtin[0]);
        AbiVersion version = version(policy, module, live.instance());
        AbiExports abi = live.abi();
        Map<String, Integer> entrypoints = idMap(policy, "entrypoints", abi, (int) abi.entrypoints.apply()[0]);
        Map<String, Integer> builtins = idMap(policy, "builtins", abi, (int) abi.builtins.apply()[0]);
        if (version.hasOneCallEval() && !AbiExports.functionExports(module).contains("opa_eval")) {
            throw new PolicyLoadException("policy '" + policy + "' declares ABI " + version
                    + " but does not export opa_eval");
        }
        if (abi.parseJson(data) == 0) {
            throw new PolicyLoadException("policy '" + policy + "': the module rejected its data document");
        }
        return new ModuleShape(version, entrypoints, builtins, InputPaths.of(policy, module));
    }

    /** The registry's builtin for each id the module imports; names every builtin the registry lacks. */
    Builtin[] resolveBuiltins(String policy, Builtins registry) {
        int size = builtinIds.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        Builtin[] byId = new Builtin[size];
        TreeSet<String> unknown = new TreeSet<>();
        builtinIds.forEach((name, id) -> {
            Builtin builtin = registry.find(name).orElse(null);
            if (builtin == null) {
                unknown.add(name);
            } else {
                byId[id] = builtin;
            }
        });
        if (!unknown.isEmpty()) {
            throw new UnknownBuiltinException(policy, unknown);
        }
        return byId;
    }

    /** A live instance with its host imports bound to its exports. */
    record Live(Instance instance, HostImports host, AbiExports abi) {}

    static Live instantiate(String policy, WasmModule module, Function<Instance, Machine> machineFactory,
            Memory memory, Builtin[] builtinsById) {
        HostImports host = new HostImports(policy, memory, builtinsById);
        try {
            Instance.Builder builder = Instance.builder(module).withImportValues(host.importValues());
            if (machineFactory != null) {
                builder.withMachineFactory(machineFactory);
            }
            Instance instance = builder.build();
            AbiExports abi = new AbiExports(instance);
            host.bind(abi);
            return new Live(instance, host, abi);
        } catch (OpaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyLoadException("policy '" + policy + "' cannot be instantiated: " + e.getMessage(), e);
        }
    }

    private static AbiVersion version(String policy, WasmModule module, Instance instance) {
        var globals = AbiExports.globalExports(module);
        if (!globals.contains("opa_wasm_abi_version")) {
            return new AbiVersion(1, 0); // modules from before the version globals speak ABI 1.0
        }
        int major = (int) instance.exports().global("opa_wasm_abi_version").getValue();
        int minor = globals.contains("opa_wasm_abi_minor_version")
                ? (int) instance.exports().global("opa_wasm_abi_minor_version").getValue() : 0;
        AbiVersion version = new AbiVersion(major, minor);
        if (!version.isSupported()) {
            throw new PolicyLoadException("policy '" + policy + "' uses OPA wasm ABI " + version
                    + ", which this host does not support (supported: 1.0 to 1." + AbiVersion.NEWEST_MINOR + ")");
        }
        return version;
    }


    private static Map<String, Integer> idMap(String policy, String export, AbiExports abi, int value) {
        String text = abi.dumpJson(value);
        try {
            JsonNode node = JSON.readTree(text);
            Map<String, Integer> ids = new TreeMap<>();
            if (!node.isObject()) {
                throw new PolicyLoadException("policy '" + policy + "': " + export + "() is not an object: " + text);
            }
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().canConvertToInt()) {
                    throw new PolicyLoadException("policy '" + policy + "': " + export + "() maps '" + e.getKey()
                            + "' to " + e.getValue() + ", not an id");
                }
                ids.put(e.getKey(), e.getValue().intValue());
            });
            return Collections.unmodifiableMap(ids);
        } catch (JsonProcessingException e) {
            throw new PolicyLoadException("policy '" + policy + "': " + export + "() is not JSON: " + text, e);
        }
    }

    static void checkDataIsJson(String policy, byte[] data) {
        String problem = JsonText.problem(data);
        if (problem != null) {
            throw new PolicyLoadException("policy '" + policy + "': data is not valid JSON: " + problem);
        }
    }
}
