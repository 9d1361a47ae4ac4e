package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's rewriteComprehensionTerms and rewriteRefsInHead (v1/ast/compile.go): a head term that needs evaluating (it
 * holds a reference, a call or a comprehension), of a comprehension or of a rule (its key, value or an argument), is
 * replaced by a variable bound by {@code head#N = term} appended to the body. The term then takes part in the body's
 * safety ordering, so {@code [xs[i] | startswith(i, "a")]} and {@code s contains xs[i] if { i > 0 }} bind {@code i}
 * by iterating {@code xs}, as in OPA.
 */
final class HeadTerms {
    /** '#' cannot appear in a Rego name, so a generated variable never meets a user's. */
    private static final String PREFIX = "head#";

    private int generated;

    private HeadTerms() {}

    static List<RegoModule> rewrite(List<RegoModule> modules) {
        HeadTerms h = new HeadTerms();
        List<RegoModule> out = new ArrayList<>();
        for (RegoModule m : TermMap.map(modules, h::term)) {
            out.add(new RegoModule(m.loc(), m.pkg(), m.imports(), m.rules().stream().map(h::rule).toList(), m.version(),
                    m.comments()));
        }
        return out;
    }

    private Rule rule(Rule rule) {
        Rule elseRule = rule.elseRule() == null ? null : rule(rule.elseRule());
        Rule.Head h = rule.head();
        if (rule.isDefault()) {
            return rule;
        }
        List<Literal> body = new ArrayList<>(rule.body().literals());
        Term key = needsEval(h.key()) ? bind(h.key(), body) : h.key();
        Term value = needsEval(h.value()) ? bind(h.value(), body) : h.value();
        List<Term> args = h.args().stream().map(a -> needsEval(a) ? bind(a, body) : a).toList();
        Rule.Head head = new Rule.Head(h.loc(), h.kind(), h.ref(), args, key, value, h.assign());
        return new Rule(rule.loc(), false, head, new Body(rule.body().loc(), body), elseRule, rule.metadata());
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
        if (t == null) {
            return false;
        }
        if (t instanceof Term.Ref || t instanceof Term.Call || t instanceof Term.ArrayCompr || t instanceof Term.SetCompr
                || t instanceof Term.ObjectCompr) {
            return true;
        }
        if (t instanceof Term.ArrayTerm a) {
            return a.items().stream().anyMatch(HeadTerms::needsEval);
        }
        if (t instanceof Term.SetTerm s) {
            return s.items().stream().anyMatch(HeadTerms::needsEval);
        }
        if (t instanceof Term.ObjectTerm o) {
            return o.entries().stream().anyMatch(e -> needsEval(e.key()) || needsEval(e.value()));
        }
        return false;
    }
}
