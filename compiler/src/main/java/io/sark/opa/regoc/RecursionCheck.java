package io.sark.opa.regoc;

import io.sark.opa.rego.RegoError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's recursion check: a rule may not depend on itself, directly or through other rules (the plan would
 * call itself forever). Reports, for each rule, the first cycle found from it with the path that closes it.
 */
final class RecursionCheck {
    private final RuleIndex rules;
    private final Map<List<String>, Set<List<String>>> edges = new HashMap<>();
    private final Set<List<String>> done = new HashSet<>();

    private RecursionCheck(RuleIndex rules) {
        this.rules = rules;
    }

    static void check(RuleIndex rules) {
        RecursionCheck c = new RecursionCheck(rules);
        CompileErrors errors = new CompileErrors();
        for (RuleGroup g : rules.groups()) {
            errors.attempt(() -> c.visit(g.path(), new ArrayList<>()));
        }
        errors.throwIfAny();
    }

    private void visit(List<String> path, List<List<String>> stack) {
        if (done.contains(path)) {
            return;
        }
        int at = stack.indexOf(path);
        if (at >= 0) {
            throw recursive(stack.subList(at, stack.size()), path);
        }
        stack.add(path);
        for (List<String> next : dependencies(path)) {
            visit(next, stack);
        }
        stack.remove(stack.size() - 1);
        done.add(path);
    }

    private Set<List<String>> dependencies(List<String> path) {
        return edges.computeIfAbsent(path, p -> {
            Set<List<String>> out = new LinkedHashSet<>();
            rules.group(p).definitions().forEach(d -> out.addAll(RuleReferences.of(rules, d)));
            return out;
        });
    }

    private RegoCompileException recursive(List<List<String>> cycle, List<String> start) {
        StringBuilder chain = new StringBuilder();
        cycle.forEach(p -> chain.append(name(p)).append(" -> "));
        chain.append(name(start));
        RuleGroup group = rules.group(start);
        return new RegoCompileException(RegoError.RECURSION, group.definitions().get(0).rule().loc(),
                "rule " + name(start) + " is recursive: " + chain);
    }

    private static String name(List<String> path) {
        return "data." + String.join(".", path);
    }
}
