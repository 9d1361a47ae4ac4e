package io.sark.opa.plan;

import io.sark.opa.ir.BuiltinFunc;
import io.sark.opa.ir.Policy;
import io.sark.opa.wasm.BinaryModule;
import io.sark.opa.wasm.FuncType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What compiled statements refer to: library functions by name, the plan's functions, builtins (native in
 * the library or imported from the host), string values held in globals, and static data addresses.
 */
final class Linkage {
    /** How a builtin call is made. */
    record BuiltinTarget(int function, int hostId) {
        boolean isHost() {
            return hostId >= 0;
        }
    }

    final BinaryModule module;
    final Policy policy;
    final StaticData data;
    private final Map<String, Integer> planFuncs = new HashMap<>();
    private final Map<String, Integer> builtinArity = new HashMap<>();
    private final Map<String, BuiltinTarget> builtins = new HashMap<>();
    private final Map<String, Integer> hostBuiltins = new LinkedHashMap<>();

    Linkage(BinaryModule module, Policy policy, StaticData data) {
        this.module = module;
        this.policy = policy;
        this.data = data;
        for (BuiltinFunc b : policy.builtinFuncs()) {
            builtinArity.put(b.name(), b.arity());
        }
    }

    /** A library function; a library without it cannot run compiled plans. */
    int runtime(String name) {
        OptionalInt index = module.findFunction(name);
        if (index.isEmpty()) {
            throw new PlanCompileException("runtime library has no function " + name + " (see wasm-runtime/CONTRACT.md)");
        }
        return index.getAsInt();
    }

    void declarePlanFunc(String name, int index) {
        if (planFuncs.putIfAbsent(name, index) != null) {
            throw new PlanCompileException("plan declares function " + name + " twice");
        }
    }

    Integer planFunc(String name) {
        return planFuncs.get(name);
    }

    boolean isBuiltin(String name) {
        return builtinArity.containsKey(name) || nativeBuiltin(name, -1).isPresent();
    }

    /** A builtin call target: the library's native implementation when it has one of this arity, else the host. */
    BuiltinTarget builtin(String name, int args, String where) {
        String key = name + "/" + args;
        BuiltinTarget t = builtins.get(key);
        if (t != null) {
            return t;
        }
        OptionalInt nativeFn = nativeBuiltin(name, args);
        if (nativeFn.isPresent()) {
            t = new BuiltinTarget(nativeFn.getAsInt(), -1);
        } else {
            if (args > 4) {
                throw new PlanCompileException(where + ": builtin " + name + " takes " + args
                        + " arguments; host builtins (opa_builtin0..4) take at most 4");
            }
            int id = hostBuiltins.computeIfAbsent(name, n -> hostBuiltins.size());
            t = new BuiltinTarget(runtime("opa_builtin" + args), id);
        }
        builtins.put(key, t);
        return t;
    }

    private OptionalInt nativeBuiltin(String name, int args) {
        return nativeBuiltin(module, name, args);
    }

    /**
     * The library's native implementation of a builtin: a defined function {@code opa_builtin_<name>} (dots as
     * underscores) taking {@code args} value addresses (any number when negative) and returning one.
     */
    static OptionalInt nativeBuiltin(BinaryModule module, String name, int args) {
        OptionalInt fn = module.findFunction("opa_builtin_" + name.replace('.', '_'));
        if (fn.isEmpty() || fn.getAsInt() < module.importedFunctionCount()) {
            return OptionalInt.empty();
        }
        FuncType type = module.functionType(fn.getAsInt());
        boolean shape = type.results().equals(List.of(FuncType.I32)) && type.params().stream().allMatch(p -> p == FuncType.I32);
        if (!shape || (args >= 0 && type.params().size() != args)) {
            return OptionalInt.empty();
        }
        return fn;
    }

    /** Host builtins in id order, for the {@code builtins()} export. */
    Map<String, Integer> hostBuiltins() {
        return hostBuiltins;
    }

    /** Address of the string value {@code s}, laid out in the appended data: statements load it as a constant. */
    int stringValue(String s) {
        return data.stringValue(s);
    }

    int staticString(int index, String where) {
        return stringValue(string(index, where));
    }

    String string(int index, String where) {
        if (index < 0 || index >= policy.strings().size()) {
            throw new PlanCompileException(where + ": string index " + index + " is out of range (the plan has "
                    + policy.strings().size() + " static strings)");
        }
        return policy.strings().get(index);
    }

    String file(int index) {
        return index >= 0 && index < policy.files().size() ? policy.files().get(index) : "";
    }
}
