package io.sark.opa.regoc;

import io.sark.opa.ir.Func;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy-wide planning state: statics, the rule index, and the rule functions planned on demand, one per rule
 * and {@link PlanContext} it is reached under.
 */
final class PolicyPlanner {
    private record Request(RuleGroup group, PlanContext context) {}

    private final RuleIndex rules;
    private final PlanContext root;
    private final StaticTable statics = new StaticTable();
    private final Map<String, Func> funcs = new LinkedHashMap<>();
    private final Map<String, Request> requested = new LinkedHashMap<>();
    private final Deque<Request> pending = new ArrayDeque<>();
    private int generations;

    PolicyPlanner(RuleIndex rules) {
        this.rules = rules;
        this.root = PlanContext.root(rules);
    }

    /** Every rule of the policy, for resolving names (what a name means does not depend on {@code with}). */
    RuleIndex rules() {
        return rules;
    }

    PlanContext rootContext() {
        return root;
    }

    /** A fresh generation number for a context a {@code with} opens. */
    int newGeneration() {
        return ++generations;
    }

    StaticTable statics() {
        return statics;
    }

    /** The function name of a rule under a context, queueing it to be planned (each once, so recursion is not followed). */
    String ruleFunc(RuleGroup group, PlanContext context) {
        String name = group.funcName(context.generation());
        if (!requested.containsKey(name)) {
            Request r = new Request(group, context);
            requested.put(name, r);
            pending.add(r);
        }
        return name;
    }

    /** The user-defined function a call names (resolved in its module), or null when it names a builtin. */
    RuleGroup userFunction(Term.Call c, Scope scope) {
        return userFunction(c.function(), scope);
    }

    /** The user-defined function {@code name} ({@code f}, {@code data.a.f}, an import alias) stands for, or null. */
    RuleGroup userFunction(Term.Ref name, Scope scope) {
        List<String> path = dataPath(name, scope);
        if (path == null) {
            return null;
        }
        RuleGroup group = rules.group(path);
        if (group == null || group.kind() != Rule.Kind.FUNCTION) {
            throw new RegoCompileException(RegoError.TYPE, name.loc(), "undefined function data." + String.join(".", path));
        }
        return group;
    }

    /** The rules at the data path {@code name} stands for, or null when it names no rule. */
    RuleGroup rule(Term.Ref name, Scope scope) {
        List<String> path = dataPath(name, scope);
        return path == null ? null : rules.group(path);
    }

    /** The data path (without "data") of a name made of a variable and constant strings, or null. */
    private List<String> dataPath(Term.Ref name, Scope scope) {
        String head = name.headName();
        if (head == null || scope.local(head) != null) {
            return null;
        }
        if (!head.equals("data")) {
            return null;
        }
        List<String> path = new ArrayList<>();
        for (Term t : name.path()) {
            if (!(t instanceof Term.Str s)) {
                return null;
            }
            path.add(s.value());
        }
        return path;
    }

    List<Func> planAll() {
        while (!pending.isEmpty()) {
            Request r = pending.poll();
            funcs.put(r.group().funcName(r.context().generation()), new RulePlanner(this).plan(r.group(), r.context()));
        }
        return new ArrayList<>(funcs.values());
    }
}
