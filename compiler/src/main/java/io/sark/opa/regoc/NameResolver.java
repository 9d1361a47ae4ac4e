package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Operator;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's first compiler stage, resolveRefs (v1/ast/compile.go resolveRefsInRule): every free name that stands
 * for a rule of the module's package or for an import becomes the full reference ({@code p} becomes
 * {@code data.pkg.p}, an alias {@code z} of {@code import data.x.y as z} becomes {@code data.x.y}). Names a
 * rule declares itself (function arguments, {@code :=}, {@code some}, {@code every} and comprehension variables)
 * are variables and shadow rules and imports in the whole rule, as OPA's declaredVars makes them. A declared
 * {@code input} or {@code data} is rebound in Rego v0 (renamed to a fresh local, as rewriteLocalVars does) and
 * an error in v1 (checkRootDocumentOverrides). After this pass, a free name other than {@code input} and
 * {@code data} is a plain variable.
 */
final class NameResolver {
    private final Map<String, Term.Ref> globals;
    private final boolean v0;
    /** Declared names per enclosing scope (rule, comprehension, every), innermost last. */
    private final Deque<Set<String>> declared = new ArrayDeque<>();
    /** Declared {@code input}/{@code data} of v0, to their fresh names, innermost last. */
    private final Deque<Map<String, String>> renamed = new ArrayDeque<>();
    private int fresh;

    private NameResolver(Map<String, Term.Ref> globals, boolean v0) {
        this.globals = globals;
        this.v0 = v0;
    }

    static List<RegoModule> resolve(List<RegoModule> modules) {
        Map<List<String>, Set<String>> exports = new HashMap<>();
        for (RegoModule m : modules) {
            Set<String> names = exports.computeIfAbsent(RuleIndex.packagePath(m), p -> new LinkedHashSet<>());
            m.rules().forEach(r -> names.add(r.head().ref().headName()));
        }
        CompileErrors errors = new CompileErrors();
        List<RegoModule> out = new ArrayList<>();
        for (RegoModule m : modules) {
            NameResolver r = new NameResolver(globals(m, exports.get(RuleIndex.packagePath(m))),
                    m.version() == RegoVersion.V0);
            List<Rule> rules = m.rules().stream().map(rule -> errors.attempt(() -> r.rule(rule), rule)).toList();
            out.add(new RegoModule(m.loc(), m.pkg(), m.imports(), rules, m.version(), m.comments()));
        }
        errors.throwIfAny();
        return out;
    }

    /** The package's rules as {@code data.<pkg>.<name>}, then the imports of data and input (which win). */
    private static Map<String, Term.Ref> globals(RegoModule m, Set<String> ruleNames) {
        Map<String, Term.Ref> out = new HashMap<>();
        List<String> pkg = RuleIndex.packagePath(m);
        for (String name : ruleNames) {
            List<Term> path = new ArrayList<>();
            pkg.forEach(s -> path.add(new Term.Str(m.pkg().loc(), s)));
            path.add(new Term.Str(m.pkg().loc(), name));
            out.put(name, new Term.Ref(m.pkg().loc(), new Term.Var(m.pkg().loc(), "data"), path));
        }
        for (RegoModule.Import imp : m.imports()) {
            String root = imp.path().headName();
            if (!"data".equals(root) && !"input".equals(root)) {
                continue; // future.keywords, rego.v1
            }
            String alias = imp.alias();
            if (alias == null) {
                List<Term> p = imp.path().path();
                alias = p.isEmpty() ? root : ((Term.Str) p.get(p.size() - 1)).value();
            }
            out.put(alias, imp.path());
        }
        return out;
    }

    private Rule rule(Rule rule) {
        Set<String> names = new HashSet<>();
        rule.head().args().forEach(a -> vars(a, names));
        for (String root : List.of("input", "data")) {
            if (names.contains(root)) {
                throw new RegoCompileException(rule.head().loc(),
                        "args must not shadow " + root + " (use a different variable name)");
            }
        }
        Set<String> body = declaredVars(rule.body());
        names.addAll(body);
        enter(names, rootsDeclared(rule.body(), body));
        Rule.Head h = rule.head();
        List<Term> headPath = h.ref().path().stream().map(this::term).toList();
        Rule.Head head = new Rule.Head(h.loc(), h.kind(), new Term.Ref(h.ref().loc(), h.ref().head(), headPath),
                h.args().stream().map(this::term).toList(), term(h.key()), term(h.value()), h.assign());
        Body resolvedBody = body(rule.body());
        leave();
        Rule elseRule = rule.elseRule() == null ? null : rule(rule.elseRule());
        return new Rule(rule.loc(), rule.isDefault(), head, resolvedBody, elseRule, rule.metadata());
    }

    private void enter(Set<String> names, Map<String, String> roots) {
        declared.addLast(names);
        renamed.addLast(roots);
    }

    private void leave() {
        declared.removeLast();
        renamed.removeLast();
    }

    /**
     * The declared {@code input} and {@code data} of a body, each to a fresh name ('#' cannot start or be part
     * of a Rego name, so no clash); v1 rejects them.
     */
    private Map<String, String> rootsDeclared(Body body, Set<String> names) {
        Map<String, String> out = new HashMap<>();
        for (String root : List.of("input", "data")) {
            if (!names.contains(root)) {
                continue;
            }
            if (!v0) {
                throw new RegoCompileException(body.loc(),
                        "variables must not shadow " + root + " (use a different variable name)");
            }
            out.put(root, root + "#" + fresh++);
        }
        return out;
    }

    private boolean isDeclared(String name) {
        return declared.stream().anyMatch(s -> s.contains(name));
    }

    /** The fresh name of a declared root, innermost scope first; or null. */
    private String renamedRoot(String name) {
        var it = renamed.descendingIterator();
        while (it.hasNext()) {
            String fresh = it.next().get(name);
            if (fresh != null) {
                return fresh;
            }
        }
        return null;
    }

    /** What a free name means: a fresh local for a rebound root, the reference of a global, or itself. */
    private Term name(Term.Var v) {
        String root = renamedRoot(v.name());
        if (root != null) {
            return new Term.Var(v.loc(), root);
        }
        Term.Ref global = globals.get(v.name());
        if (global == null || isDeclared(v.name())) {
            return v;
        }
        return new Term.Ref(v.loc(), global.head(), global.path());
    }

    private Body body(Body body) {
        List<Literal> out = new ArrayList<>();
        for (Literal lit : body.literals()) {
            List<Literal.With> withs = lit.withs().stream()
                    .map(w -> new Literal.With(w.loc(), term(w.target()), term(w.value()))).toList();
            out.add(new Literal(lit.loc(), lit.negated(), expr(lit.expr()), withs));
        }
        return new Body(body.loc(), out);
    }

    private Expr expr(Expr e) {
        if (e instanceof Expr.TermExpr t) {
            return new Expr.TermExpr(t.loc(), term(t.term()));
        } else if (e instanceof Expr.Unify u) {
            return new Expr.Unify(u.loc(), term(u.left()), term(u.right()));
        } else if (e instanceof Expr.Assign a) {
            return new Expr.Assign(a.loc(), term(a.left()), term(a.right()));
        } else if (e instanceof Expr.SomeVars s) {
            return new Expr.SomeVars(s.loc(), s.vars().stream().map(v -> (Term.Var) term(v)).toList());
        } else if (e instanceof Expr.SomeIn s) {
            return new Expr.SomeIn(s.loc(), term(s.key()), term(s.value()), term(s.collection()));
        } else if (e instanceof Expr.Every ev) {
            Term domain = term(ev.domain());
            Set<String> names = new HashSet<>();
            if (ev.key() != null) {
                names.add(ev.key().name());
            }
            names.add(ev.value().name());
            Set<String> inner = declaredVars(ev.body());
            names.addAll(inner);
            enter(names, rootsDeclared(ev.body(), names));
            Expr.Every out = new Expr.Every(ev.loc(), ev.key() == null ? null : (Term.Var) term(ev.key()),
                    (Term.Var) term(ev.value()), domain, body(ev.body()));
            leave();
            return out;
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private Term term(Term t) {
        if (t == null) {
            return null;
        }
        if (t instanceof Term.Var v) {
            return name(v);
        } else if (t instanceof Term.Ref r) {
            List<Term> path = r.path().stream().map(this::term).toList();
            Term head = term(r.head());
            if (path.isEmpty() && head instanceof Term.Var v && !Scope.isRoot(v.name())) {
                return v; // a rebound input or data
            }
            if (head instanceof Term.Ref h) {
                List<Term> joined = new ArrayList<>(h.path());
                joined.addAll(path);
                return new Term.Ref(r.loc(), h.head(), joined);
            }
            return new Term.Ref(r.loc(), head, path);
        } else if (t instanceof Term.Call c) {
            // an operator always calls its builtin, whatever the package's rules are named
            boolean operator = c.infix() || Operator.ofBuiltin(c.name()) != null;
            Term f = operator ? c.function() : term(c.function());
            Term.Ref function = f instanceof Term.Ref fr ? fr : new Term.Ref(c.loc(), f, List.of());
            return new Term.Call(c.loc(), function, c.args().stream().map(this::term).toList(), c.infix());
        } else if (t instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(a.loc(), a.items().stream().map(this::term).toList());
        } else if (t instanceof Term.SetTerm s) {
            return new Term.SetTerm(s.loc(), s.items().stream().map(this::term).toList());
        } else if (t instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(o.loc(), o.entries().stream()
                    .map(e -> new Term.Entry(term(e.key()), term(e.value()))).toList());
        } else if (t instanceof Term.ArrayCompr c) {
            enterClosure(c.body());
            Term.ArrayCompr out = new Term.ArrayCompr(c.loc(), term(c.head()), body(c.body()));
            leave();
            return out;
        } else if (t instanceof Term.SetCompr c) {
            enterClosure(c.body());
            Term.SetCompr out = new Term.SetCompr(c.loc(), term(c.head()), body(c.body()));
            leave();
            return out;
        } else if (t instanceof Term.ObjectCompr c) {
            enterClosure(c.body());
            Term.ObjectCompr out = new Term.ObjectCompr(c.loc(), term(c.key()), term(c.value()), body(c.body()));
            leave();
            return out;
        }
        return t;
    }

    private void enterClosure(Body body) {
        Set<String> names = declaredVars(body);
        enter(names, rootsDeclared(body, names));
    }

    /**
     * OPA's declaredVars: the variables a body declares with {@code :=}, {@code some} and {@code some ... in},
     * also inside its {@code every} bodies, but not inside its comprehensions (they are closures of their own).
     */
    static Set<String> declaredVars(Body body) {
        Set<String> out = new HashSet<>();
        for (Literal lit : body.literals()) {
            Expr e = lit.expr();
            if (e instanceof Expr.Assign a) {
                vars(a.left(), out);
            } else if (e instanceof Expr.SomeVars s) {
                s.vars().forEach(v -> out.add(v.name()));
            } else if (e instanceof Expr.SomeIn s) {
                vars(s.key(), out);
                vars(s.value(), out);
            } else if (e instanceof Expr.Every ev) {
                out.addAll(declaredVars(ev.body()));
            }
        }
        out.remove("_");
        return out;
    }

    /** The variables of a pattern (array items, object values, nested). */
    private static void vars(Term t, Set<String> out) {
        if (t instanceof Term.Var v) {
            out.add(v.name());
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(x -> vars(x, out));
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                vars(e.key(), out);
                vars(e.value(), out);
            });
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(x -> vars(x, out));
        } else if (t instanceof Term.Ref r && r.path().isEmpty()) {
            vars(r.head(), out); // a bare input or data
        }
    }
}
