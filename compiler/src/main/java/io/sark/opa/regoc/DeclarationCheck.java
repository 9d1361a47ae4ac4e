package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.RegoError;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA's checks of declared variables (v1/ast/compile.go rewriteDeclaredVarsInBody, rewriteDeclaredVar): a
 * variable declared with {@code :=}, {@code some} or {@code some ... in} must be new to its body (the innermost
 * one: a comprehension or {@code every} body may declare a name its enclosing body uses), so "var x referenced
 * above", "var x assigned above", "var x declared above" and "arg x redeclared"; and {@code :=} assigns only to
 * variables, arrays and objects of them ("cannot assign to number").
 */
final class DeclarationCheck {
    private enum Occurrence { SEEN, ASSIGNED, DECLARED, ARG }

    /** One map per enclosing body, innermost last. */
    private final Deque<Map<String, Occurrence>> scopes = new ArrayDeque<>();

    static void check(List<RegoModule> modules) {
        CompileErrors errors = new CompileErrors();
        for (RegoModule m : modules) {
            for (Rule r : m.rules()) {
                for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                    Rule rule = branch;
                    errors.attempt(() -> new DeclarationCheck().rule(rule));
                }
            }
        }
        errors.throwIfAny();
    }

    private void rule(Rule rule) {
        scopes.push(new HashMap<>());
        Set<String> args = new HashSet<>();
        rule.head().args().forEach(a -> SafetyReorder.vars(a, args, false));
        args.forEach(a -> scopes.peek().put(a, Occurrence.ARG));
        body(rule.body());
        scopes.pop();
    }

    private void body(Body body) {
        for (Literal lit : body.literals()) {
            literal(lit);
        }
    }

    private void literal(Literal lit) {
        Expr e = lit.expr();
        if (e instanceof Expr.Assign a) {
            seen(a.right());
            assign(a.left());
        } else if (e instanceof Expr.SomeVars s) {
            s.vars().forEach(v -> declare(v, Occurrence.DECLARED));
        } else if (e instanceof Expr.SomeIn s) {
            seen(s.collection());
            declarePattern(s.key());
            declarePattern(s.value());
        } else if (e instanceof Expr.Every ev) {
            seen(ev.domain());
            scopes.push(new HashMap<>());
            if (ev.key() != null) {
                declare(ev.key(), Occurrence.DECLARED);
            }
            declare(ev.value(), Occurrence.DECLARED);
            body(ev.body());
            scopes.pop();
        } else if (e instanceof Expr.Unify u) {
            seen(u.left());
            seen(u.right());
        } else if (e instanceof Expr.TermExpr t) {
            seen(t.term());
        }
        lit.withs().forEach(w -> seen(w.value()));
    }

    /** The left of {@code :=}: variables, and arrays and object values of them. */
    private void assign(Term t) {
        if (t instanceof Term.Var v) {
            declare(v, Occurrence.ASSIGNED);
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(this::assign);
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(x -> assign(x.value()));
        } else if (root(t) != null) {
            declare(root(t), Occurrence.ASSIGNED);
        } else {
            throw new RegoCompileException(RegoError.COMPILE, t.loc(), "cannot assign to " + kind(t));
        }
    }

    private void declarePattern(Term t) {
        if (t instanceof Term.Var v) {
            declare(v, Occurrence.DECLARED);
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(this::declarePattern);
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(x -> declarePattern(x.value()));
        } else {
            seen(t);
        }
    }

    private void declare(Term.Var v, Occurrence how) {
        if (v.isWildcard()) {
            return;
        }
        Occurrence before = scopes.peek().get(v.name());
        if (before != null) {
            String what = switch (before) {
                case SEEN -> "var " + v.name() + " referenced above";
                case ASSIGNED -> "var " + v.name() + " assigned above";
                case DECLARED -> "var " + v.name() + " declared above";
                case ARG -> "arg " + v.name() + " redeclared";
            };
            throw new RegoCompileException(RegoError.COMPILE, v.loc(), what);
        }
        scopes.peek().put(v.name(), how);
    }

    /** Marks the variables a term reads, outside its closures, which it checks in bodies of their own. */
    private void seen(Term t) {
        if (t == null) {
            return;
        }
        if (t instanceof Term.Var v) {
            if (!v.isWildcard() && scopes.stream().noneMatch(s -> s.containsKey(v.name()))) {
                scopes.peek().put(v.name(), Occurrence.SEEN);
            }
        } else if (t instanceof Term.Ref r) {
            if (root(t) != null) {
                return;
            }
            seen(r.head());
            r.path().forEach(this::seen);
        } else if (t instanceof Term.Call c) {
            c.args().forEach(this::seen);
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(this::seen);
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(this::seen);
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(x -> {
                seen(x.key());
                seen(x.value());
            });
        } else if (t instanceof Term.ArrayCompr c) {
            closure(c.body(), List.of(c.head()));
        } else if (t instanceof Term.SetCompr c) {
            closure(c.body(), List.of(c.head()));
        } else if (t instanceof Term.ObjectCompr c) {
            closure(c.body(), List.of(c.key(), c.value()));
        }
    }

    /** A comprehension: its body first, then its head, in a scope of its own (as OPA rewrites them). */
    private void closure(Body body, List<Term> heads) {
        scopes.push(new HashMap<>());
        body(body);
        heads.forEach(this::seen);
        scopes.pop();
    }

    /** The variable of a bare {@code input} or {@code data}, which OPA lets {@code :=} shadow; or null. */
    private static Term.Var root(Term t) {
        return t instanceof Term.Ref r && r.path().isEmpty() && r.head() instanceof Term.Var v && Scope.isRoot(v.name())
                ? v : null;
    }

    private static String kind(Term t) {
        if (t instanceof Term.Num) {
            return "number";
        } else if (t instanceof Term.Str) {
            return "string";
        } else if (t instanceof Term.Bool) {
            return "boolean";
        } else if (t instanceof Term.Null) {
            return "null";
        } else if (t instanceof Term.Ref) {
            return "ref";
        } else if (t instanceof Term.Call) {
            return "call";
        } else if (t instanceof Term.SetTerm) {
            return "set";
        }
        return "comprehension";
    }
}
