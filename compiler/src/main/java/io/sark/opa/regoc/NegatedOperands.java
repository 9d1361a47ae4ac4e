package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Location;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The operands of a negated expression are evaluated before the negation, as OPA's compiler arranges it:
 * {@code rewriteExprTermsInBody} moves nested calls out of an expression and {@code rewriteDynamics}
 * (v1/ast/compile.go) binds every reference and comprehension operand of a call to a variable in a literal of its
 * own, placed before the expression whether or not it is negated. So {@code not f(x.missing)} is undefined, not
 * true, when {@code x.missing} is undefined (OPA's plans show the same: the reference is read before the
 * {@code NotStmt}). For literals that are not negated, evaluating operands first or in place gives the same
 * result, so only negated ones are rewritten; the rest keep their shape (rule indexing reads it). A module that
 * imports {@code future.keywords.not} keeps every part of a negated expression inside the negation, as OPA 1.17
 * does for it.
 */
final class NegatedOperands {
    /** '#' cannot appear in a Rego name, so a generated variable never meets a user's. */
    private static final String PREFIX = "operand#";

    private int generated;

    private NegatedOperands() {}

    /** The modules with negated operands hoisted, but for those importing {@code future.keywords.not}. */
    static List<RegoModule> rewrite(List<RegoModule> modules) {
        NegatedOperands r = new NegatedOperands();
        List<RegoModule> out = new ArrayList<>();
        for (RegoModule m : modules) {
            out.add(m.negatesWholeExpressions() ? m : TermMap.map(List.of(m), UnaryOperator.identity(), r::body).get(0));
        }
        return out;
    }

    /** The body with its negated literals' operands bound first (its closures are already rewritten). */
    private Body body(Body body) {
        List<Literal> out = new ArrayList<>();
        for (Literal lit : body.literals()) {
            if (lit.negated()) {
                List<Literal> hoisted = new ArrayList<>();
                Expr expr = operandsHoisted(lit, hoisted);
                out.addAll(hoisted);
                out.add(new Literal(lit.loc(), true, expr, lit.withs()));
            } else {
                out.add(lit);
            }
        }
        return new Body(body.loc(), out);
    }

    /**
     * OPA's three cases: a call binds all its operands first; {@code =} and a lone term only what their refs index
     * with. {@code a == b} counts as {@code a = b}: OPA's rewriteEquals stage turns it into unification before
     * rewriteDynamics runs, so {@code not x.missing == true} stays true.
     */
    private Expr operandsHoisted(Literal lit, List<Literal> hoisted) {
        if (lit.expr() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c && c.name().equals("equal")
                && c.args().size() == 2) {
            List<Term> args = List.of(inPlace(c.args().get(0), lit, hoisted), inPlace(c.args().get(1), lit, hoisted));
            return new Expr.TermExpr(t.loc(), new Term.Call(c.loc(), c.function(), args, c.infix()));
        }
        if (lit.expr() instanceof Expr.TermExpr t && t.term() instanceof Term.Call c) {
            List<Term> args = c.args().stream().map(a -> hoist(a, lit, hoisted)).toList();
            return new Expr.TermExpr(t.loc(), new Term.Call(c.loc(), c.function(), args, c.infix()));
        }
        if (lit.expr() instanceof Expr.TermExpr t) {
            return new Expr.TermExpr(t.loc(), inPlace(t.term(), lit, hoisted));
        }
        if (lit.expr() instanceof Expr.Unify u) {
            Term left = inPlace(u.left(), lit, hoisted);
            return new Expr.Unify(u.loc(), left, inPlace(u.right(), lit, hoisted));
        }
        return lit.expr();
    }

    /** A term that stays where it is, but whose references index with values bound beforehand. */
    private Term inPlace(Term term, Literal lit, List<Literal> hoisted) {
        if (term instanceof Term.Ref r) {
            return new Term.Ref(r.loc(), r.head(), r.path().stream().map(p -> hoist(p, lit, hoisted)).toList());
        }
        if (term instanceof Term.ArrayCompr || term instanceof Term.SetCompr || term instanceof Term.ObjectCompr) {
            return term;
        }
        return hoist(term, lit, hoisted);
    }

    /** The term with every reference, call and comprehension in it bound to a variable by a literal of its own. */
    private Term hoist(Term term, Literal lit, List<Literal> hoisted) {
        if (term instanceof Term.Ref r) {
            Term.Ref indexed = new Term.Ref(r.loc(), r.head(), r.path().stream().map(p -> hoist(p, lit, hoisted)).toList());
            return bind(indexed, lit, hoisted);
        }
        if (term instanceof Term.Call c) {
            List<Term> args = c.args().stream().map(a -> hoist(a, lit, hoisted)).toList();
            return bind(new Term.Call(c.loc(), c.function(), args, c.infix()), lit, hoisted);
        }
        if (term instanceof Term.ArrayCompr || term instanceof Term.SetCompr || term instanceof Term.ObjectCompr) {
            return bind(term, lit, hoisted);
        }
        if (term instanceof Term.ArrayTerm a) {
            return new Term.ArrayTerm(a.loc(), a.items().stream().map(x -> hoist(x, lit, hoisted)).toList());
        }
        if (term instanceof Term.SetTerm s) {
            return new Term.SetTerm(s.loc(), s.items().stream().map(x -> hoist(x, lit, hoisted)).toList());
        }
        if (term instanceof Term.ObjectTerm o) {
            return new Term.ObjectTerm(o.loc(), o.entries().stream()
                    .map(e -> new Term.Entry(hoist(e.key(), lit, hoisted), hoist(e.value(), lit, hoisted))).toList());
        }
        return term;
    }

    /** {@code operand#N = term}, under the negated literal's {@code with} modifiers, as OPA's generated equality. */
    private Term bind(Term term, Literal lit, List<Literal> hoisted) {
        Location loc = term.loc();
        Term.Var var = new Term.Var(loc, PREFIX + generated++);
        hoisted.add(new Literal(loc, false, new Expr.Unify(loc, var, term), lit.withs()));
        return var;
    }
}
