package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Term;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables whose bindings a query reports, as OPA's planner collects them
 * ({@code q.Vars(VarVisitorParams{SkipRefCallHead: true, SkipClosures: true}).Diff(ReservedVars)}, then
 * without wildcards, internal/planner/planner.go planQueries): function names and the insides of
 * comprehensions and {@code every} bodies do not count, and neither do {@code input} and {@code data}.
 */
final class QueryVars {
    private final Set<String> names = new TreeSet<>();

    private QueryVars() {}

    /** The reported variable names, sorted as OPA sorts them. */
    static Set<String> of(Body query) {
        QueryVars vars = new QueryVars();
        for (Literal lit : query.literals()) {
            vars.expr(lit.expr());
            lit.withs().forEach(w -> {
                vars.term(w.target());
                vars.term(w.value());
            });
        }
        vars.names.removeIf(n -> n.equals("input") || n.equals("data") || n.equals("_"));
        return vars.names;
    }

    private void expr(Expr expr) {
        if (expr instanceof Expr.TermExpr t) {
            term(t.term());
        } else if (expr instanceof Expr.Unify u) {
            term(u.left());
            term(u.right());
        } else if (expr instanceof Expr.Assign a) {
            term(a.left());
            term(a.right());
        } else if (expr instanceof Expr.SomeVars s) {
            s.vars().forEach(this::term);
        } else if (expr instanceof Expr.SomeIn s) {
            if (s.key() != null) {
                term(s.key());
            }
            term(s.value());
            term(s.collection());
        } else if (expr instanceof Expr.Every e) {
            // the body of every is a closure: only its domain is part of the query
            term(e.domain());
        }
    }

    private void term(Term term) {
        if (term instanceof Term.Var v) {
            names.add(v.name());
        } else if (term instanceof Term.Ref r) {
            term(r.head());
            r.path().forEach(this::term);
        } else if (term instanceof Term.Call c) {
            c.args().forEach(this::term);
        } else if (term instanceof Term.ArrayTerm a) {
            a.items().forEach(this::term);
        } else if (term instanceof Term.SetTerm s) {
            s.items().forEach(this::term);
        } else if (term instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                term(e.key());
                term(e.value());
            });
        }
        // scalars, and comprehensions (closures), report nothing
    }
}
