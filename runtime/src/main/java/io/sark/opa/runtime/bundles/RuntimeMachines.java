package io.sark.opa.runtime.bundles;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import io.quarkus.runtime.ImageMode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;

/**
 * How a policy activated at run time runs: compiled to JVM bytecode by Chicory's run-time compiler when the
 * application depends on it ({@code com.dylibso.chicory:compiler}) and runs on a JVM; otherwise, and always in a
 * native image (which cannot load new classes), by Chicory's interpreter. The compiler is looked up by name, so
 * an application without it carries neither it nor ASM.
 */
final class RuntimeMachines {

    static final String COMPILER_CLASS = "com.dylibso.chicory.compiler.MachineFactoryCompiler";

    private final MethodHandle compile; // MachineFactoryCompiler.compile(WasmModule); null: the interpreter

    private RuntimeMachines(MethodHandle compile) {
        this.compile = compile;
    }

    /** Chicory's compiler when it is on the class path and this is not a native image, else the interpreter. */
    static RuntimeMachines detect() {
        return ImageMode.current() == ImageMode.NATIVE_RUN ? interpreter() : compilerIn(RuntimeMachines.class.getClassLoader());
    }

    /** Chicory's compiler when {@code loader} has it, else the interpreter. */
    static RuntimeMachines compilerIn(ClassLoader loader) {
        try {
            Class<?> compiler = Class.forName(COMPILER_CLASS, true, loader);
            return new RuntimeMachines(MethodHandles.publicLookup().findStatic(compiler, "compile",
                    MethodType.methodType(Function.class, WasmModule.class)));
        } catch (ClassNotFoundException | LinkageError e) {
            return interpreter();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(COMPILER_CLASS + " has no compile(WasmModule): an unsupported Chicory version", e);
        }
    }

    static RuntimeMachines interpreter() {
        return new RuntimeMachines(null);
    }

    boolean compiled() {
        return compile != null;
    }

    /** Names the choice, for the log. */
    String description() {
        return compiled() ? "compiled to bytecode by Chicory's run-time compiler"
                : "run by Chicory's interpreter (" + (ImageMode.current() == ImageMode.NATIVE_RUN ? "native image"
                        : "add com.dylibso.chicory:compiler to compile them") + ")";
    }

    /** The machine factory for {@code module}; {@code null} for the interpreter (the engine's default). */
    @SuppressWarnings("unchecked")
    Function<Instance, Machine> factory(WasmModule module) {
        if (compile == null) {
            return null;
        }
        try {
            return (Function<Instance, Machine>) compile.invoke(module);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
