package io.sark.opa.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins what the build relies on from Chicory's ahead-of-time compiler (ChicoryAot is the only caller of its
 * internal API): the class files by binary name, a machine class of the requested name whose constructor takes
 * an Instance and runs the module, and the indices of the functions left to the interpreter.
 */
class ChicoryAotTest {

    private static final String MACHINE = "io.sark.opa.generated.PinnedMachine";

    @Test
    void compilesAMachineClassThatRunsTheModule() throws Exception {
        WasmModule module = Parser.parse(WatModules.wasm("""
                (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"""));

        ChicoryAot.Result result = ChicoryAot.compile(module, MACHINE);

        // Chicory names some classes internally (a/b/C): the adapter hands out binary names only
        assertThat(result.classes()).containsKeys(MACHINE, MACHINE + "MachineCall", MACHINE + "Shaded")
                .allSatisfy((name, bytes) -> assertThat(name).doesNotContain("/"));
        assertThat(result.interpretedFunctions()).isEmpty();
        Constructor<?> machine = new ClassesLoader(result.classes()).loadClass(MACHINE).getConstructor(Instance.class);
        Instance instance = Instance.builder(module).withMachineFactory(i -> newMachine(machine, i)).build();
        assertThat(instance.export("add").apply(2, 3)).containsExactly(5L);
    }

    @Test
    void leavesFunctionsTooLargeForAJvmMethodToTheInterpreter() {
        String body = "(drop (i32.const 1))".repeat(40_000);
        WasmModule module = Parser.parse(WatModules.wasm("(module (func $small) (func $huge " + body + "))"));

        ChicoryAot.Result result = ChicoryAot.compile(module, MACHINE);

        assertThat(result.interpretedFunctions()).containsExactly(1);
        assertThat(result.classes()).containsKey(MACHINE);
    }

    private static Machine newMachine(Constructor<?> machine, Instance instance) {
        try {
            return (Machine) machine.newInstance(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines the compiled classes, as the application's class loader does with the generated classes. */
    private static final class ClassesLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ClassesLoader(Map<String, byte[]> classes) {
            super(ChicoryAotTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
