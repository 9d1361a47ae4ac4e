package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's rewriteComprehensionTerms (v1/ast/compile.go): a comprehension whose head needs evaluating (it holds a
 * reference, a call or a comprehension) gets a variable for its head, bound by {@code head#N = term} appended to
 * its body. The head then takes part in the body's safety ordering, so {@code [xs[i] | startswith(i, "a")]} binds
 * {@code i} by iterating {@code xs}, as in OPA.
 */
final class ComprehensionHeads {
    /** '#' cannot appear in a Rego name, so a generated variable never meets a user's. */
    private static final String PREFIX = "head#";

    private int generated;

    private ComprehensionHeads() {}

    static List<RegoModule> rewrite(List<RegoModule> modules) {
        return TermMap.map(modules, new ComprehensionHeads()::term);
    }

    private Term term(Term t) {
        if (t instanceof Term.ArrayCompr c && needsEval(c.head())) {
            List<Literal> body = new ArrayList<>(c.body().literals());
            Term head = bind(c.head(), body);
            return new Term.ArrayCompr(c.loc(), head, new Body(c.body().loc(), body));
        }
        if (t instanceof Term.SetCompr c && needsEval(c.head())) {
            List<Literal> body = new ArrayList<>(c.body().literals());
            Term head = bind(c.head(), body);
            return new Term.SetCompr(c.loc(), head, new Body(c.body().loc(), body));
        }
        if (t instanceof Term.ObjectCompr c && (needsEval(c.key()) || needsEval(c.value()))) {
            List<Literal> body = new ArrayList<>(c.body().literals());
            Term key = needsEval(c.key()) ? bind(c.key(), body) : c.key();
            Term value = needsEval(c.value()) ? bind(c.value(), body) : c.value();
            return new Term.ObjectCompr(c.loc(), key, value, new Body(c.body().loc(), body));
        }
        return t;
    }

    private Term bind(Term term, List<Literal> body) {
        Term.Var var = new Term.Var(term.loc(), PREFIX + generated++);
        body.add(new Literal(term.loc(), false, new Expr.Unify(term.loc(), var, term), List.of()));
        return var;
    }

    /** OPA's requiresEval: the term holds a reference (calls name theirs) or a comprehension. */
    private static boolean needsEval(Term t) {
        if (t instanceof Term.Ref || t instanceof Term.Call || t instanceof Term.ArrayCompr || t instanceof Term.SetCompr
                || t instanceof Term.ObjectCompr) {
            return true;
        }
        if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().anyMatch(ComprehensionHeads::needsEval);
        }
        if (t instanceof Term.SetTerm s) {
            return s.items().stream().anyMatch(ComprehensionHeads::needsEval);
        }
        if (t instanceof Term.ObjectTerm o) {
            return o.entries().stream().anyMatch(e -> needsEval(e.key()) || needsEval(e.value()));
        }
        return false;
    }
}
