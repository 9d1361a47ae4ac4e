package io.sark.opa.runtime;

import io.sark.opa.OpaBuiltin;
import io.sark.opa.PolicyBuiltin;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.Builtins;
import jakarta.enterprise.inject.Instance;

/** OPA's catalogue plus the application's {@link PolicyBuiltin} beans, which the build has already checked. */
public final class ApplicationBuiltins {

    private ApplicationBuiltins() {}

    public static Builtins of(Instance<PolicyBuiltin> beans) {
        Builtins builtins = Builtins.defaults();
        for (Instance.Handle<PolicyBuiltin> handle : beans.handles()) {
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
