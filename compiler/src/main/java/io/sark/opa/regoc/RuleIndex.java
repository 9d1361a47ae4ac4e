package io.sark.opa.regoc;

import io.sark.opa.rego.Metadata;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolve pass: every rule of every module placed at its data path ({@code package} path + head name),
 * so references to {@code data.…} can be told apart as rule calls or base documents. As in OPA's planner
 * (internal/planner/rules.go, ruletrie.LookupOrInsert and DescendantRules), rules whose paths lie below
 * another rule's path join that rule's group: {@code p[q].r := 1} and {@code p.a.r := 2} build one object,
 * so that they conflict where they define the same key differently.
 */
final class RuleIndex {
    /** The rules at each head path, before grouping. */
    private final Map<List<String>, List<RuleGroup.Definition>> own = new LinkedHashMap<>();
    /** The groups: each at a rule's path with no rule above it, holding every rule at or below it. */
    private final Map<List<String>, List<RuleGroup.Definition>> byPath = new LinkedHashMap<>();
    /** Packages without rules: still documents (empty objects) below their parents, as in OPA. */
    private final Set<List<String>> emptyPackages = new LinkedHashSet<>();
    /** The {@code # METADATA} blocks on the package clauses of each package, from all its modules. */
    private final Map<List<String>, List<Metadata>> packageMetadata = new LinkedHashMap<>();

    private RuleIndex() {}

    RuleIndex(List<RegoModule> modules) {
        for (RegoModule module : modules) {
            List<String> pkg = packagePath(module);
            packageMetadata.computeIfAbsent(List.copyOf(pkg), p -> new ArrayList<>()).addAll(module.pkg().metadata());
            if (module.rules().isEmpty()) {
                emptyPackages.add(List.copyOf(pkg));
            }
            for (Rule rule : module.rules()) {
                List<String> path = new ArrayList<>(pkg);
                path.addAll(headPath(rule));
                own.computeIfAbsent(List.copyOf(path), p -> new ArrayList<>()).add(new RuleGroup.Definition(module, rule));
            }
        }
        checkKinds();
        group();
    }

    private void group() {
        own.forEach((path, defs) -> byPath.computeIfAbsent(shallowestRulePath(path), p -> new ArrayList<>()).addAll(defs));
    }

    private List<String> shallowestRulePath(List<String> path) {
        for (int k = 1; k < path.size(); k++) {
            if (own.containsKey(path.subList(0, k))) {
                return path.subList(0, k);
            }
        }
        return path;
    }

    /** The package as data path segments ({@code package a.b} gives {@code [a, b]}). */
    static List<String> packagePath(RegoModule module) {
        Term.Ref ref = module.pkg().path();
        List<String> out = new ArrayList<>();
        if (!"data".equals(ref.headName())) {
            out.add(ref.headName());
        }
        for (Term t : ref.path()) {
            out.add(constantKey(t, module));
        }
        return out;
    }

    /** The constant leading part of a rule head ({@code p.q[x]} gives {@code [p, q]}). */
    static List<String> headPath(Rule rule) {
        List<String> out = new ArrayList<>();
        out.add(rule.head().ref().headName());
        for (Term t : rule.head().ref().path()) {
            if (!(t instanceof Term.Str s)) {
                break;
            }
            out.add(s.value());
        }
        return out;
    }

    /**
     * The head's terms after its constant part when the rule defines keys of (nested) objects ({@code p[k] := v},
     * {@code p[a][b] := v}); empty otherwise.
     */
    static List<Term> objectKeys(Rule rule) {
        if (rule.head().kind() == Rule.Kind.MULTI_VALUE) {
            return List.of();
        }
        List<Term> path = rule.head().ref().path();
        return path.subList(headPath(rule).size() - 1, path.size());
    }

    private static String constantKey(Term t, RegoModule module) {
        if (t instanceof Term.Str s) {
            return s.value();
        }
        throw RegoCompileException.unsupported(t.loc(), "non-string package path element");
    }

    /** OPA's conflict checks: one kind and arity per rule, at most one default. */
    private void checkKinds() {
        CompileErrors errors = new CompileErrors();
        own.forEach((path, defs) -> errors.attempt(() -> {
            Rule first = defs.get(0).rule();
            boolean hasDefault = false;
            for (RuleGroup.Definition d : defs) {
                Rule r = d.rule();
                if (r.head().kind() != first.head().kind() || r.head().args().size() != first.head().args().size()
                        || objectKeys(r).isEmpty() != objectKeys(first).isEmpty()) {
                    throw new RegoCompileException(RegoError.TYPE, r.loc(), "conflicting rules data."
                            + String.join(".", path) + " found (defined with different kinds or arities)");
                }
                if (r.isDefault() && hasDefault) {
                    throw new RegoCompileException(RegoError.TYPE, r.loc(), "multiple default rules data."
                            + String.join(".", path) + " found");
                }
                hasDefault |= r.isDefault();
            }
        }));
        errors.throwIfAny();
    }

    /** The names one level below {@code prefix} that lead to rules, in definition order. */
    Set<String> children(List<String> prefix) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> p : nodes()) {
            if (p.size() > prefix.size() && startsWith(p, prefix)) {
                out.add(p.get(prefix.size()));
            }
        }
        return out;
    }

    /** The index without the rules at or below any of {@code hidden} (paths without "data"). */
    RuleIndex without(List<List<String>> hidden) {
        RuleIndex out = new RuleIndex();
        own.forEach((path, defs) -> {
            if (hidden.stream().noneMatch(h -> startsWith(path, h))) {
                out.own.put(path, defs);
            }
        });
        out.group();
        out.packageMetadata.putAll(packageMetadata);
        emptyPackages.stream().filter(p -> hidden.stream().noneMatch(h -> startsWith(p, h))).forEach(out.emptyPackages::add);
        return out;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** The paths of rule groups and of empty packages. */
    private List<List<String>> nodes() {
        List<List<String>> out = new ArrayList<>(byPath.keySet());
        out.addAll(emptyPackages);
        return out;
    }

    /** The metadata blocks on the package clauses of package {@code path} (without "data"), in every module. */
    List<Metadata> packageMetadata(List<String> path) {
        return packageMetadata.getOrDefault(path, List.of());
    }

    /** The rules whose head path is {@code path} itself. */
    List<RuleGroup.Definition> definitionsAt(List<String> path) {
        return own.getOrDefault(path, List.of());
    }

    RuleGroup group(List<String> path) {
        List<RuleGroup.Definition> defs = byPath.get(path);
        return defs == null ? null : new RuleGroup(path, defs);
    }

    /**
     * The paths of the rule groups at or below {@code prefix} that a reference going on with {@code rest} can
     * reach: a dynamic key reaches every name, as in OPA's GetRulesDynamic (v1/ast/compile.go).
     */
    List<List<String>> pathsReachable(List<String> prefix, List<Term> rest) {
        return byPath.keySet().stream().filter(p -> startsWith(p, prefix) && reaches(rest, p.subList(prefix.size(), p.size())))
                .toList();
    }

    private static boolean reaches(List<Term> keys, List<String> names) {
        for (int i = 0; i < Math.min(keys.size(), names.size()); i++) {
            if (!mayName(keys.get(i), names.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a key of a reference may be {@code name}: a string equal to it, or anything not constant. */
    static boolean mayName(Term key, String name) {
        if (key instanceof Term.Str s) {
            return s.value().equals(name);
        }
        return !(key instanceof Term.Num || key instanceof Term.Bool || key instanceof Term.Null);
    }

    /** Every rule group, in definition order. */
    List<RuleGroup> groups() {
        List<RuleGroup> out = new ArrayList<>();
        byPath.forEach((path, defs) -> out.add(new RuleGroup(path, defs)));
        return out;
    }

    /** Whether any rule is defined at or below {@code prefix}. */
    boolean hasRulesUnder(List<String> prefix) {
        for (List<String> p : nodes()) {
            if (startsWith(p, prefix)) {
                return true;
            }
        }
        return false;
    }
}
