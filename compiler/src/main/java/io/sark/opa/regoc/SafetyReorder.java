package io.sark.opa.regoc;

import io.sark.opa.builtins.catalog.OpaBuiltinList;
import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Location;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OPA's safety stage (v1/ast/compile.go checkSafetyRuleBodies, reorderBodyForSafety): the literals of every
 * body (rules, functions, comprehensions, {@code every}) are put in an order in which each variable is bound
 * before it is read: sweeps in source order take each literal whose inputs are safe, until none is left or no
 * sweep takes one; then the first variable still unsafe is reported as {@code var x is unsafe}. A literal's
 * outputs are the variables it binds: in ref paths under a safe head, on one side of {@code =} or {@code :=}
 * when the other side is safe, in the result argument of a call, in {@code some ... in}. Negated literals and
 * literals whose {@code with} values are unsafe bind nothing. Runs after {@link NameResolver}, so a free name
 * other than {@code input} and {@code data} is a variable.
 */
final class SafetyReorder {
    private final RuleIndex rules;

    private SafetyReorder(RuleIndex rules) {
        this.rules = rules;
    }

    static List<RegoModule> reorder(List<RegoModule> modules) {
        SafetyReorder r = new SafetyReorder(new RuleIndex(modules));
        CompileErrors errors = new CompileErrors();
        List<RegoModule> out = new ArrayList<>();
        for (RegoModule m : modules) {
            List<Rule> rs = m.rules().stream().map(rule -> errors.attempt(() -> r.rule(rule), rule)).toList();
            out.add(new RegoModule(m.loc(), m.pkg(), m.imports(), rs, m.version(), m.comments()));
        }
        errors.throwIfAny();
        return out;
    }

    private Rule rule(Rule rule) {
        Set<String> args = new HashSet<>();
        rule.head().args().forEach(a -> vars(a, args, false));
        Body body = body(rule.body(), args);
        // comprehensions in the head close over everything the body binds
        Set<String> headGlobals = new HashSet<>(args);
        body.literals().forEach(l -> headGlobals.addAll(literalVars(l)));
        Rule.Head h = rule.head();
        Rule.Head head = new Rule.Head(h.loc(), h.kind(), h.ref(), h.args(), closures(h.key(), headGlobals),
                closures(h.value(), headGlobals), h.assign());
        Rule elseRule = rule.elseRule() == null ? null : rule(rule.elseRule());
        return new Rule(rule.loc(), rule.isDefault(), head, body, elseRule, rule.metadata());
    }

    /** The body in a safe order, its closures reordered too; or the unsafe-variable error. */
    private Body body(Body body, Set<String> globals) {
        List<Literal> pending = new ArrayList<>(body.literals());
        List<Literal> ordered = new ArrayList<>();
        Set<String> bodyVars = new HashSet<>();
        pending.forEach(l -> bodyVars.addAll(literalVars(l)));
        Set<String> safe = new HashSet<>(globals);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Literal lit : new ArrayList<>(pending)) {
                Set<String> outputs = outputs(lit, safe);
                Set<String> closed = closureVars(lit);
                closed.retainAll(bodyVars);
                closed.removeAll(globals);
                // a closure before a declaration has a variable of its own (OPA renames declared ones from there on)
                int at = body.literals().indexOf(lit);
                closed.removeAll(NameResolver.declaredVars(new Body(body.loc(),
                        body.literals().subList(at + 1, body.literals().size()))));
                closed.removeAll(safe);
                if (!closed.isEmpty()) {
                    continue;
                }
                Set<String> unsafe = literalVars(lit);
                unsafe.removeAll(safe);
                unsafe.removeAll(outputs);
                if (unsafe.isEmpty()) {
                    pending.remove(lit);
                    ordered.add(lit);
                    safe.addAll(outputs);
                    progress = true;
                }
            }
        }
        if (!pending.isEmpty()) {
            throw unsafe(pending, safe, bodyVars);
        }
        List<Literal> out = new ArrayList<>();
        Set<String> g = new HashSet<>(globals);
        for (Literal lit : ordered) {
            out.add(closures(lit, g));
            g.addAll(literalVars(lit));
        }
        return new Body(body.loc(), out);
    }

    /** OPA reports each unsafe variable where it occurs; the first in the source is reported here. */
    private static RegoCompileException unsafe(List<Literal> pending, Set<String> safe, Set<String> bodyVars) {
        Term.Var first = null;
        for (Literal lit : pending) {
            // the literal's own variables, and those of the body its closures read
            Set<String> candidates = closureVars(lit);
            candidates.retainAll(bodyVars);
            candidates.addAll(literalVars(lit));
            candidates.removeAll(safe);
            List<Term.Var> occurrences = new ArrayList<>();
            walkLiteral(lit, occurrences);
            for (Term.Var v : occurrences) {
                if (candidates.contains(v.name()) && (first == null || before(v.loc(), first.loc()))) {
                    first = v;
                }
            }
        }
        if (first == null) {
            return new RegoCompileException(RegoError.UNSAFE_VAR, pending.get(0).loc(), "expression is unsafe");
        }
        return new RegoCompileException(RegoError.UNSAFE_VAR, first.loc(), "var " + first.name() + " is unsafe");
    }

    private static boolean before(Location a, Location b) {
        if (a == null || b == null) {
            return b == null && a != null;
        }
        return a.row() < b.row() || (a.row() == b.row() && a.col() < b.col());
    }

    // ---- closures: comprehension and every bodies, reordered with what the enclosing body bound so far

    private Literal closures(Literal lit, Set<String> g) {
        List<Literal.With> withs = lit.withs().stream()
                .map(w -> new Literal.With(w.loc(), w.target(), closures(w.value(), g))).toList();
        return new Literal(lit.loc(), lit.negated(), closures(lit.expr(), g), withs);
    }

    private Expr closures(Expr e, Set<String> g) {
        if (e instanceof Expr.TermExpr t) {
            return new Expr.TermExpr(t.loc(), closures(t.term(), g));
        } else if (e instanceof Expr.Unify u) {
            return new Expr.Unify(u.loc(), closures(u.left(), g), closures(u.right(), g));
        } else if (e instanceof Expr.Assign a) {
            return new Expr.Assign(a.loc(), a.left(), closures(a.right(), g));
        } else if (e instanceof Expr.SomeIn s) {
            return new Expr.SomeIn(s.loc(), s.key(), s.value(), closures(s.collection(), g));
        } else if (e instanceof Expr.Every ev) {
            Set<String> inner = inner(g, ev.body());
            if (ev.key() != null) {
                inner.add(ev.key().name());
            }
            inner.add(ev.value().name());
            return new Expr.Every(ev.loc(), ev.key(), ev.value(), closures(ev.domain(), g), body(ev.body(), inner));
        }
        return e;
    }

    private Term closures(Term t, Set<String> g) {
        if (t instanceof Term.ArrayCompr c) {
            return new Term.ArrayCompr(c.loc(), c.head(), body(c.body(), inner(g, c.body())));
        } else if (t instanceof Term.SetCompr c) {
            return new Term.SetCompr(c.loc(), c.head(), body(c.body(), inner(g, c.body())));
        } else if (t instanceof Term.ObjectCompr c) {
            return new Term.ObjectCompr(c.loc(), c.key(), c.value(), body(c.body(), inner(g, c.body())));
        } else if (t instanceof Term.Ref r) {
            return new Term.Ref(r.loc(), closures(r.head(), g), r.path().stream().map(x -> closures(x, g)).toList());
        } else if (t instanceof Term.Call c) {
            return new Term.Call(c.loc(), c.function(), c.args().stream().map(x -> closures(x, g)).toList(), c.infix());
        } else if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(a.loc(), a.items().stream().map(x -> closures(x, g)).toList());
        } else if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(s.loc(), s.items().stream().map(x -> closures(x, g)).toList());
        } else if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(o.loc(), o.entries().stream()
                    .map(e -> new Term.Entry(closures(e.key(), g), closures(e.value(), g))).toList());
        }
        return t;
    }

    /** What a closure may read from outside: the enclosing bindings but those it declares anew. */
    private static Set<String> inner(Set<String> g, Body body) {
        Set<String> out = new HashSet<>(g);
        out.removeAll(NameResolver.declaredVars(body));
        return out;
    }

    // ---- the variables of a literal, and those it binds

    /** The variables a literal mentions outside its closures (OPA's SafetyCheckVisitorParams). */
    private static Set<String> literalVars(Literal lit) {
        Set<String> out = new LinkedHashSet<>();
        Expr e = lit.expr();
        if (e instanceof Expr.TermExpr t) {
            vars(t.term(), out, false);
        } else if (e instanceof Expr.Unify u) {
            vars(u.left(), out, false);
            vars(u.right(), out, false);
        } else if (e instanceof Expr.Assign a) {
            vars(a.left(), out, false);
            vars(a.right(), out, false);
        } else if (e instanceof Expr.SomeIn s) {
            vars(s.key(), out, false);
            vars(s.value(), out, false);
            vars(s.collection(), out, false);
        } else if (e instanceof Expr.Every ev) {
            vars(ev.domain(), out, false);
        }
        lit.withs().forEach(w -> withValueVars(w, out));
        return out;
    }

    /** The variables of a {@code with} value; a builtin's name ({@code with count as sum}) is none. */
    private static void withValueVars(Literal.With w, Set<String> out) {
        Term.Ref ref = w.value() instanceof Term.Ref r ? r
                : w.value() instanceof Term.Var v ? new Term.Ref(v.loc(), v, List.of()) : null;
        if (ref != null && ref.headName() != null && !Scope.isRoot(ref.headName())) {
            StringBuilder name = new StringBuilder(ref.headName());
            boolean dotted = true;
            for (Term t : ref.path()) {
                if (t instanceof Term.Str s) {
                    name.append('.').append(s.value());
                } else {
                    dotted = false;
                }
            }
            if (dotted && OpaBuiltinList.arities().containsKey(name.toString())) {
                return;
            }
        }
        vars(w.value(), out, false);
    }

    /** The variables used inside the literal's comprehensions and {@code every} bodies. */
    private static Set<String> closureVars(Literal lit) {
        List<Term.Var> all = new ArrayList<>();
        walkLiteral(lit, all);
        Set<String> out = new HashSet<>();
        all.forEach(v -> out.add(v.name()));
        out.removeAll(literalVars(lit));
        Expr e = lit.expr();
        if (e instanceof Expr.Every ev) {
            out.remove(ev.value().name());
            if (ev.key() != null) {
                out.remove(ev.key().name());
            }
        }
        return out;
    }

    private Set<String> outputs(Literal lit, Set<String> safe) {
        Set<String> out = new HashSet<>();
        if (lit.negated()) {
            return out;
        }
        for (Literal.With w : lit.withs()) {
            Set<String> vs = new HashSet<>();
            withValueVars(w, vs);
            if (!safe.containsAll(vs)) {
                return out;
            }
        }
        Expr e = lit.expr();
        if (e instanceof Expr.TermExpr t) {
            refOutputs(t.term(), safe, out);
            if (t.term() instanceof Term.Call c) {
                callOutputs(c, safe, out);
            }
        } else if (e instanceof Expr.Unify u) {
            unifyOutputs(u.left(), u.right(), safe, out);
        } else if (e instanceof Expr.Assign a) {
            unifyOutputs(a.left(), a.right(), safe, out);
        } else if (e instanceof Expr.SomeIn s) {
            refOutputs(s.collection(), safe, out);
            Set<String> coll = new HashSet<>();
            vars(s.collection(), coll, false);
            Set<String> known = union(safe, out);
            if (known.containsAll(coll)) {
                vars(s.key(), out, false);
                vars(s.value(), out, false);
            }
        } else if (e instanceof Expr.Every ev) {
            refOutputs(ev.domain(), safe, out);
        }
        return out;
    }

    /** A call with one argument more than its arity binds that last argument once the others are safe. */
    private void callOutputs(Term.Call c, Set<String> safe, Set<String> out) {
        int arity = arity(c);
        if (arity < 0 || c.args().size() != arity + 1) {
            return;
        }
        Set<String> inputs = new HashSet<>();
        c.args().subList(0, arity).forEach(a -> vars(a, inputs, false));
        inputs.removeAll(out);
        inputs.removeAll(safe);
        if (inputs.isEmpty()) {
            vars(c.args().get(arity), out, false);
        }
    }

    private int arity(Term.Call c) {
        if ("data".equals(c.function().headName())) {
            List<String> path = new ArrayList<>();
            for (Term t : c.function().path()) {
                if (!(t instanceof Term.Str s)) {
                    return -1;
                }
                path.add(s.value());
            }
            RuleGroup g = rules.group(path);
            return g == null ? -1 : g.arity();
        }
        Integer n = OpaBuiltinList.arities().get(c.name());
        return n == null || c.name().equals("print") ? -1 : n;
    }

    /** OPA's Unify: a side binds its variables when the other side is safe, pairwise inside arrays and objects. */
    private void unifyOutputs(Term a, Term b, Set<String> safe, Set<String> out) {
        refOutputs(a, safe, out);
        refOutputs(b, safe, out);
        int before;
        do {
            before = out.size();
            unify(a, b, union(safe, out), out);
        } while (out.size() != before);
    }

    private void unify(Term a, Term b, Set<String> known, Set<String> out) {
        if (a instanceof Term.ArrayTerm x && b instanceof Term.ArrayTerm y && x.items().size() == y.items().size()) {
            for (int i = 0; i < x.items().size(); i++) {
                unify(x.items().get(i), y.items().get(i), known, out);
            }
            return;
        }
        if (a instanceof Term.ObjectTerm x && b instanceof Term.ObjectTerm y) {
            for (Term.Entry e : x.entries()) {
                for (Term.Entry f : y.entries()) {
                    if (sameKey(e.key(), f.key())) {
                        unify(e.value(), f.value(), known, out);
                    }
                }
            }
            return;
        }
        bindIfOtherSafe(a, b, known, out);
        bindIfOtherSafe(b, a, known, out);
    }

    /** Keys that are the same string or the same variable. */
    private static boolean sameKey(Term a, Term b) {
        return (a instanceof Term.Str x && b instanceof Term.Str y && x.value().equals(y.value()))
                || (a instanceof Term.Var x2 && b instanceof Term.Var y2 && x2.name().equals(y2.name()));
    }

    private static void bindIfOtherSafe(Term pattern, Term other, Set<String> known, Set<String> out) {
        if (!(pattern instanceof Term.Var || pattern instanceof Term.ArrayTerm || pattern instanceof Term.ObjectTerm)) {
            return;
        }
        Set<String> otherVars = new HashSet<>();
        vars(other, otherVars, false);
        if (known.containsAll(otherVars)) {
            vars(pattern, out, true);
        }
    }

    /** The variables in the paths of references whose heads are safe: they iterate. */
    private static void refOutputs(Term t, Set<String> safe, Set<String> out) {
        if (t instanceof Term.Ref r) {
            if (headSafe(r.head(), safe)) {
                r.path().forEach(p -> vars(p, out, false));
            }
            refOutputs(r.head(), safe, out);
            r.path().forEach(p -> refOutputs(p, safe, out));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(a -> refOutputs(a, safe, out));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(x -> refOutputs(x, safe, out));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(x -> refOutputs(x, safe, out));
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                refOutputs(e.key(), safe, out);
                refOutputs(e.value(), safe, out);
            });
        }
    }

    private static boolean headSafe(Term head, Set<String> safe) {
        Set<String> vs = new HashSet<>();
        vars(head, vs, false);
        return safe.containsAll(vs);
    }

    /**
     * The variables of a term outside closures, without call names, wildcards and the roots; {@code pattern}
     * leaves out object keys and set elements, which unification cannot bind.
     */
    static void vars(Term t, Set<String> out, boolean pattern) {
        if (t == null) {
            return;
        }
        if (t instanceof Term.Var v) {
            if (!v.isWildcard() && !Scope.isRoot(v.name())) {
                out.add(v.name());
            }
        } else if (t instanceof Term.Ref r) {
            vars(r.head(), out, pattern);
            r.path().forEach(p -> vars(p, out, pattern));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(a -> vars(a, out, pattern));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(x -> vars(x, out, pattern));
        } else if (t instanceof Term.SetTerm s) {
            if (!pattern) {
                s.items().forEach(x -> vars(x, out, false));
            }
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                if (!pattern) {
                    vars(e.key(), out, false);
                }
                vars(e.value(), out, pattern);
            });
        }
    }

    /** Every variable occurrence of a literal, closures included. */
    private static void walkLiteral(Literal lit, List<Term.Var> out) {
        walkExpr(lit.expr(), out);
        lit.withs().forEach(w -> walk(w.value(), out));
    }

    private static void walkExpr(Expr e, List<Term.Var> out) {
        if (e instanceof Expr.TermExpr t) {
            walk(t.term(), out);
        } else if (e instanceof Expr.Unify u) {
            walk(u.left(), out);
            walk(u.right(), out);
        } else if (e instanceof Expr.Assign a) {
            walk(a.left(), out);
            walk(a.right(), out);
        } else if (e instanceof Expr.SomeIn s) {
            walk(s.key(), out);
            walk(s.value(), out);
            walk(s.collection(), out);
        } else if (e instanceof Expr.Every ev) {
            walk(ev.domain(), out);
            closure(null, ev.body(), out);
        }
    }

    private static void walk(Term t, List<Term.Var> out) {
        if (t == null) {
            return;
        }
        if (t instanceof Term.Var v) {
            if (!v.isWildcard() && !Scope.isRoot(v.name())) {
                out.add(v);
            }
        } else if (t instanceof Term.Ref r) {
            walk(r.head(), out);
            r.path().forEach(p -> walk(p, out));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(a -> walk(a, out));
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(x -> walk(x, out));
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(x -> walk(x, out));
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                walk(e.key(), out);
                walk(e.value(), out);
            });
        } else if (t instanceof Term.ArrayCompr c) {
            closure(List.of(c.head()), c.body(), out);
        } else if (t instanceof Term.SetCompr c) {
            closure(List.of(c.head()), c.body(), out);
        } else if (t instanceof Term.ObjectCompr c) {
            closure(List.of(c.key(), c.value()), c.body(), out);
        }
    }

    /**
     * The occurrences in a closure's heads and body but of the variables the body declares ({@code some},
     * {@code :=}): those are the closure's own, whatever the enclosing body calls alike (OPA renames them to
     * fresh locals before its safety check, ast/compile.go rewriteLocalVars).
     */
    private static void closure(List<Term> heads, Body body, List<Term.Var> out) {
        List<Term.Var> inside = new ArrayList<>();
        if (heads != null) {
            heads.forEach(h -> walk(h, inside));
        }
        body.literals().forEach(l -> walkLiteral(l, inside));
        Set<String> declared = NameResolver.declaredVars(body);
        inside.stream().filter(v -> !declared.contains(v.name())).forEach(out::add);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
