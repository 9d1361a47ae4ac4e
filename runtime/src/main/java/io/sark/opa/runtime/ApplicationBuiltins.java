package io.sark.opa.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.sark.opa.OpaBuiltin;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.Builtins;

/** OPA's catalogue plus the application's {@link PolicyBuiltin} beans, which the build has already checked. */
public final class ApplicationBuiltins {

    private ApplicationBuiltins() {}

    public static Builtins load() {
        Builtins builtins = Builtins.defaults();
        for (InstanceHandle<PolicyBuiltin> handle : Arc.container().listAll(PolicyBuiltin.class)) {
            OpaBuiltin signature = handle.getBean().getBeanClass().getAnnotation(OpaBuiltin.class);
            if (signature == null) { // a producer's bean class is the declaring class, not the builtin
                throw new IllegalStateException("PolicyBuiltin bean " + handle.getBean()
                        + " has no @OpaBuiltin on its class: declare builtins as annotated bean classes");
            }
            PolicyBuiltin bean = handle.get();
            builtins = builtins.with(Builtin.of(signature.name(), signature.arity(), bean::call));
        }
        return builtins;
    }
}
