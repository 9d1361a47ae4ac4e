package io.sark.opa.regoc;

import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable bindings of a body being planned (name to local), plus what a free name means in the module:
 * an import alias or a rule of the same package. Copied for nested bodies so their bindings stay inside. A query
 * stands outside any module: there, a free name other than {@code input} and {@code data} is a variable.
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
     * The root document path a free name stands for ({@code input}, {@code data}, an import alias, or a rule
     * of this package as {@code data.<pkg>.<name>}), or null if the name is a plain (unbound) variable.
     */
    List<String> documentPath(String name, RuleIndex rules) {
        if (name.equals("input") || name.equals("data")) {
            return List.of(name);
        }
        if (module == null) {
            return null;
        }
        for (RegoModule.Import imp : module.imports()) {
            List<String> path = importPath(imp);
            String alias = imp.alias() != null ? imp.alias() : path.get(path.size() - 1);
            if (alias.equals(name) && (path.get(0).equals("data") || path.get(0).equals("input"))) {
                return path;
            }
        }
        List<String> local = new ArrayList<>(RuleIndex.packagePath(module));
        local.add(name);
        if (rules.group(local) != null || rules.hasRulesUnder(local)) {
            List<String> out = new ArrayList<>();
            out.add("data");
            out.addAll(local);
            return out;
        }
        return null;
    }

    private static List<String> importPath(RegoModule.Import imp) {
        List<String> out = new ArrayList<>();
        out.add(imp.path().headName());
        for (Term t : imp.path().path()) {
            if (t instanceof Term.Str s) {
                out.add(s.value());
            }
        }
        return out;
    }
}
