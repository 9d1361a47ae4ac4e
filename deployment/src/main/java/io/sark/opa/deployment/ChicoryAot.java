package io.sark.opa.deployment;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place that calls Chicory's ahead-of-time compiler. Chicory 1.7.5's public
 * {@code MachineFactoryCompiler} compiles into the running JVM only: it hands out neither the class files nor
 * the functions it left to the interpreter, and the build needs both (the classes go into the application,
 * the meta module keeps the interpreted bodies). So this uses its {@code compiler.internal} API; a Chicory
 * upgrade that changes it breaks here, and ChicoryAotTest says how.
 */
final class ChicoryAot {

    /**
     * @param classes class files by binary name ({@code a.b.C}); the machine class among them
     * @param interpretedFunctions indices of the functions too large for a JVM method, which run interpreted
     */
    record Result(Map<String, byte[]> classes, Set<Integer> interpretedFunctions) {}

    private ChicoryAot() {}

    /** Compiles {@code module} to classes whose machine, {@code machineClass}, has a constructor taking an Instance. */
    static Result compile(WasmModule module, String machineClass) {
        CompilerResult result = Compiler.builder(module)
                .withClassName(machineClass)
                .withInterpreterFallback(InterpreterFallback.SILENT)
                .build()
                .compile();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        // Chicory keys some classes by internal name (a/b/C) and others by binary name (a.b.C)
        result.classBytes().forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        return new Result(classes, result.interpretedFunctions());
    }
}
