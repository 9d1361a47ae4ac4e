package io.sark.opa.regoc;

import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import java.util.HashMap;
import java.util.Map;

/**
 * Variable bindings of a body being planned (name to local), and the module and rule it belongs to. Copied for
 * nested bodies so their bindings stay inside.
 */
final class Scope {
    final RegoModule module;
    private final Rule rule;
    private final Map<String, Integer> vars;

    Scope(RegoModule module) {
        this(module, null, new HashMap<>());
    }

    /** The scope of a query, which belongs to no package and imports nothing. */
    static Scope query() {
        return new Scope(null);
    }

    /** The scope of a body of {@code rule}. */
    Scope(RegoModule module, Rule rule) {
        this(module, rule, new HashMap<>());
    }

    private Scope(RegoModule module, Rule rule, Map<String, Integer> vars) {
        this.module = module;
        this.rule = rule;
        this.vars = vars;
    }

    Scope copy() {
        return new Scope(module, rule, new HashMap<>(vars));
    }

    /** The rule whose body this is, or null (an entrypoint query). */
    Rule rule() {
        return rule;
    }

    Integer local(String name) {
        return vars.get(name);
    }

    void bind(String name, int local) {
        vars.put(name, local);
    }

    /** Forgets a binding: {@code some x} declares a fresh x. */
    void declare(String name) {
        vars.remove(name);
    }

    /**
     * Whether a free name is a root document ({@code input}, {@code data}); any other free name is a variable,
     * since {@link NameResolver} turned the names of rules and imports into references.
     */
    static boolean isRoot(String name) {
        return name.equals("input") || name.equals("data");
    }
}
