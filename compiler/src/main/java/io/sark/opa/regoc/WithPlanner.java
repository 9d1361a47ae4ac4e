package io.sark.opa.regoc;

import io.sark.opa.builtins.catalog.OpaBuiltinList;
import io.sark.opa.ir.Block;
import io.sark.opa.ir.Operand;
import io.sark.opa.ir.Statement;
import io.sark.opa.ir.Statement.*;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans an expression with {@code with} modifiers in OPA's shape: the input and data overrides are
 * {@code WithStmt}s around the expression, the rest of the body runs inside further {@code WithStmt}s that
 * put the saved documents back, and function and builtin replacements (mocks) apply to everything planned
 * for the expression. When an override hides rules, or mocks apply, the expression plans its own copies
 * of the rules it reaches, under a new {@link PlanContext}.
 */
final class WithPlanner {
    private static final String WITH_TARGET = "with keyword target must reference existing input, data, or a function";
    /** Where in {@code data} replacing values read from variables go; a NUL keeps the key from policies' data. */
    private static final String LOCAL_VALUES = "\u0000with";

    /** An override of {@code input} (local 0) or {@code data} (local 1) at a path of string constants. */
    private record Override(int root, List<String> path, Term value) {}

    private final BodyPlanner body;
    private final PolicyPlanner policy;

    WithPlanner(BodyPlanner body) {
        this.body = body;
        this.policy = body.policy();
    }

    void plan(Literal lit, Scope scope, List<Statement> out, BodyPlanner.Next next) {
        List<Override> overrides = new ArrayList<>();
        Map<String, PlanContext.Mock> mocks = new LinkedHashMap<>();
        for (Literal.With w : lit.withs()) {
            String function = functionTarget(w.target(), scope);
            if (function != null) {
                mocks.put(function, new PlanContext.Mock(reachable(w.value(), scope, overrides), scope.copy(),
                        body.funcState()));
            } else {
                overrides.add(override(w));
            }
        }
        List<Term> values = overrides.stream().map(Override::value).toList();
        List<Operand> operands = new ArrayList<>();
        // the values are evaluated before any override applies, and all must be defined
        body.items(values, scope, out, (v, o) -> operands.add(v), o -> apply(lit, overrides, operands, mocks, scope, o, next));
    }

    private void apply(Literal lit, List<Override> overrides, List<Operand> values, Map<String, PlanContext.Mock> mocks,
            Scope scope, List<Statement> out, BodyPlanner.Next next) {
        PlanContext outer = body.context();
        Map<Integer, Integer> saved = new TreeMap<>(); // root local to the local saving it
        List<List<String>> hidden = new ArrayList<>();
        for (Override o : overrides) {
            if (!saved.containsKey(o.root())) {
                int save = body.newLocal();
                out.add(new AssignVarStmt(body.at(), new Operand.Local(o.root()), save));
                saved.put(o.root(), save);
            }
            if (o.root() == 1 && outer.rules().hasRulesUnder(o.path())) {
                hidden.add(o.path());
            }
        }
        PlanContext inner = hidden.isEmpty() && mocks.isEmpty()
                ? outer
                : outer.with(policy.newGeneration(), hidden, mocks);
        body.context(inner);
        overrides(lit, overrides, values, 0, scope, out, o -> {
            body.context(outer);
            restore(new ArrayList<>(saved.entrySet()), 0, o, next);
            body.context(inner);
        });
        body.context(outer);
    }

    /**
     * A replacing value that reads this body's variables ({@code with count as v}) is out of reach of the rules
     * the expression calls, which are functions of their own: it is put in {@code data} under a key no document
     * uses, for the length of the expression, and the replacement reads it there.
     */
    private Term reachable(Term value, Scope scope, List<Override> overrides) {
        Set<String> vars = new HashSet<>();
        SafetyReorder.vars(value, vars, false);
        if (vars.stream().noneMatch(v -> scope.local(v) != null)) {
            return value;
        }
        String key = Integer.toString(policy.newGeneration());
        overrides.add(new Override(1, List.of(LOCAL_VALUES, key), value));
        Term.Var data = new Term.Var(value.loc(), "data");
        return new Term.Ref(value.loc(), data, List.of(new Term.Str(value.loc(), LOCAL_VALUES), new Term.Str(value.loc(), key)));
    }

    /** Nests one {@code WithStmt} per override, the expression innermost. */
    private void overrides(Literal lit, List<Override> overrides, List<Operand> values, int i, Scope scope,
            List<Statement> out, BodyPlanner.Next afterExpr) {
        if (i == overrides.size()) {
            body.expr(lit.expr(), scope, out, afterExpr);
            return;
        }
        List<Statement> block = new ArrayList<>();
        overrides(lit, overrides, values, i + 1, scope, block, afterExpr);
        Override o = overrides.get(i);
        List<Integer> path = o.path().stream().map(s -> policy.statics().string(s)).toList();
        out.add(new WithStmt(body.at(lit.loc()), o.root(), path, values.get(i), new Block(block)));
    }

    /** The rest of the body runs with the documents as they were before the expression. */
    private void restore(List<Map.Entry<Integer, Integer>> saved, int i, List<Statement> out, BodyPlanner.Next next) {
        if (i == saved.size()) {
            next.plan(out);
            return;
        }
        List<Statement> block = new ArrayList<>();
        restore(saved, i + 1, block, next);
        Map.Entry<Integer, Integer> s = saved.get(i);
        out.add(new WithStmt(body.at(), s.getKey(), List.of(), new Operand.Local(s.getValue()), new Block(block)));
    }

    /** {@code data.a.f} or a builtin name when the target names a function, else null (an input or data path). */
    private String functionTarget(Term target, Scope scope) {
        Term.Ref ref = target instanceof Term.Ref r ? r : new Term.Ref(target.loc(), target, List.of());
        String head = ref.headName();
        if (head == null || head.equals("input") || scope.local(head) != null) {
            return null;
        }
        if (ref.path().stream().anyMatch(t -> !(t instanceof Term.Str))) {
            return null;
        }
        if (head.equals("data")) {
            List<String> path = new ArrayList<>();
            ref.path().forEach(t -> path.add(((Term.Str) t).value()));
            RuleGroup group = policy.rules().group(path);
            return group != null && group.arity() > 0 ? "data." + String.join(".", path) : null;
        }
        StringBuilder name = new StringBuilder(head);
        ref.path().forEach(t -> name.append('.').append(((Term.Str) t).value()));
        if (!OpaBuiltinList.arities().containsKey(name.toString())) {
            throw new RegoCompileException(target.loc(), WITH_TARGET + ": " + name);
        }
        return name.toString();
    }

    private Override override(Literal.With w) {
        if (!(w.target() instanceof Term.Ref ref) || ref.headName() == null) {
            throw new RegoCompileException(w.target().loc(), WITH_TARGET);
        }
        List<String> path = new ArrayList<>();
        for (Term t : ref.path()) {
            if (!(t instanceof Term.Str s)) {
                throw new RegoCompileException(t.loc(), "with keyword target path must be constant strings");
            }
            path.add(s.value());
        }
        int root = switch (ref.headName()) {
            case "input" -> 0;
            case "data" -> 1;
            default -> throw new RegoCompileException(w.target().loc(), WITH_TARGET);
        };
        return new Override(root, path, w.value());
    }
}
