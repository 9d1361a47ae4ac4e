package io.sark.opa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the Rego name and arity of a {@link PolicyBuiltin} bean, e.g.
 * {@code @OpaBuiltin(name = "acme.tier", arity = 1)}. The build reads it to check that every builtin a
 * policy calls has an implementation, so it must be on the bean class itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpaBuiltin {

    /** The name policies call, as declared in the plan's {@code static.builtin_funcs} (e.g. {@code acme.tier}). */
    String name();

    /** Number of arguments, 0 to 4. */
    int arity();
}
