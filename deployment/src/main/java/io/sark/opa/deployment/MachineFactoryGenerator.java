package io.sark.opa.deployment;

import com.dylibso.chicory.runtime.Instance;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import java.util.function.Function;

/**
 * Writes a tiny {@code Function<Instance, Machine>} per policy that constructs its compiled machine with
 * {@code new}, so run time needs neither reflection nor a class generator.
 */
final class MachineFactoryGenerator {

    private MachineFactoryGenerator() {}

    static void generate(ClassOutput output, String factoryClass, String machineClass) {
        try (ClassCreator creator = ClassCreator.builder().classOutput(output).className(factoryClass)
                .interfaces(Function.class).build()) {
            MethodCreator apply = creator.getMethodCreator("apply", Object.class, Object.class);
            ResultHandle instance = apply.checkCast(apply.getMethodParam(0), Instance.class);
            ResultHandle machine = apply.newInstance(MethodDescriptor.ofConstructor(machineClass, Instance.class), instance);
            apply.returnValue(machine);
        }
    }
}
