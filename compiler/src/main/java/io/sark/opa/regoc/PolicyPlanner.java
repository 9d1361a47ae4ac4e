package io.sark.opa.regoc;

import io.sark.opa.plan.Func;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policy-wide planning state: statics, the rule index, and the rule functions planned on demand. */
final class PolicyPlanner {
    private final RuleIndex rules;
    private final StaticTable statics = new StaticTable();
    private final Map<String, Func> funcs = new LinkedHashMap<>();
    private final Map<String, RuleGroup> requested = new LinkedHashMap<>();
    private final Deque<RuleGroup> pending = new ArrayDeque<>();

    PolicyPlanner(RuleIndex rules) {
        this.rules = rules;
    }

    RuleIndex rules() {
        return rules;
    }

    StaticTable statics() {
        return statics;
    }

    /** The function name of a rule, queueing it to be planned (each once, so recursion is not followed). */
    String ruleFunc(RuleGroup group) {
        if (!requested.containsKey(group.funcName())) {
            requested.put(group.funcName(), group);
            pending.add(group);
        }
        return group.funcName();
    }

    /** The plan function a call goes to if it calls a user-defined function, else null (a builtin). */
    String userFunction(Term.Call c, Scope scope) {
        String head = c.function().headName();
        if (head == null || scope.local(head) != null) {
            return null;
        }
        List<String> root = scope.documentPath(head, rules);
        if (root == null || !root.get(0).equals("data")) {
            return null;
        }
        List<String> path = new ArrayList<>(root.subList(1, root.size()));
        for (Term t : c.function().path()) {
            path.add(((Term.Str) t).value());
        }
        RuleGroup group = rules.group(path);
        if (group == null || group.kind() != Rule.Kind.FUNCTION) {
            throw new RegoCompileException(c.loc(), "undefined function " + String.join(".", path));
        }
        return ruleFunc(group);
    }

    boolean isUserFunction(Term.Call c, Scope scope) {
        return userFunction(c, scope) != null;
    }

    List<Func> planAll() {
        while (!pending.isEmpty()) {
            RuleGroup g = pending.poll();
            funcs.put(g.funcName(), new RulePlanner(this).plan(g));
        }
        return new ArrayList<>(funcs.values());
    }
}
