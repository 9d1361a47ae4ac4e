package io.sark.opa.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.RecordableConstructor;
import java.util.List;
import java.util.function.Function;

/**
 * A policy the build compiled, as the recorder hands it to run time.
 *
 * @param revision the bundle's revision, {@code ""} when it has none
 * @param moduleResource the class-path resource of the meta module (the wasm module less the compiled bodies)
 * @param dataResource the class-path resource of the data document (JSON)
 * @param machines makes the Chicory machine the build generated for the module
 * @param roots the data paths its bundle's manifest says it owns; empty for the whole tree
 */
public record CompiledPolicy(String name, String revision, String moduleResource, String dataResource,
        RuntimeValue<Function<Instance, Machine>> machines, List<String> roots) {

    @RecordableConstructor
    public CompiledPolicy {
    }
}
