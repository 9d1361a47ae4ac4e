package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies rewrites to every term and every body of a module's rules, innermost first: terms inside bodies,
 * {@code with} values, comprehensions and {@code every}, then the bodies that hold them (rule, {@code else},
 * comprehension and {@code every} bodies). The arguments of function heads are left as they are (they are patterns).
 */
final class TermMap {
    private final UnaryOperator<Term> rewrite;
    private final UnaryOperator<Body> rewriteBody;

    private TermMap(UnaryOperator<Term> rewrite, UnaryOperator<Body> rewriteBody) {
        this.rewrite = rewrite;
        this.rewriteBody = rewriteBody;
    }

    static List<RegoModule> map(List<RegoModule> modules, UnaryOperator<Term> rewrite) {
        return map(modules, rewrite, UnaryOperator.identity());
    }

    static List<RegoModule> map(List<RegoModule> modules, UnaryOperator<Term> rewrite, UnaryOperator<Body> rewriteBody) {
        TermMap m = new TermMap(rewrite, rewriteBody);
        List<RegoModule> out = new ArrayList<>();
        for (RegoModule module : modules) {
            out.add(new RegoModule(module.loc(), module.pkg(), module.imports(), module.rules().stream().map(m::rule).toList(),
                    module.version(), module.comments()));
        }
        return out;
    }

    private Rule rule(Rule rule) {
        Rule.Head h = rule.head();
        Rule.Head head = new Rule.Head(h.loc(), h.kind(), h.ref(), h.args(), term(h.key()), term(h.value()), h.assign());
        Rule elseRule = rule.elseRule() == null ? null : rule(rule.elseRule());
        return new Rule(rule.loc(), rule.isDefault(), head, body(rule.body()), elseRule, rule.metadata());
    }

    private Body body(Body body) {
        return rewriteBody.apply(new Body(body.loc(), body.literals().stream().map(this::literal).toList()));
    }

    private Literal literal(Literal lit) {
        List<Literal.With> withs = lit.withs().stream().map(w -> new Literal.With(w.loc(), w.target(), term(w.value())))
                .toList();
        return new Literal(lit.loc(), lit.negated(), expr(lit.expr()), withs);
    }

    private Expr expr(Expr e) {
        if (e instanceof Expr.TermExpr t) {
            return new Expr.TermExpr(t.loc(), term(t.term()));
        } else if (e instanceof Expr.Unify u) {
            return new Expr.Unify(u.loc(), term(u.left()), term(u.right()));
        } else if (e instanceof Expr.Assign a) {
            return new Expr.Assign(a.loc(), term(a.left()), term(a.right()));
        } else if (e instanceof Expr.SomeIn s) {
            return new Expr.SomeIn(s.loc(), term(s.key()), term(s.value()), term(s.collection()));
        } else if (e instanceof Expr.Every ev) {
            return new Expr.Every(ev.loc(), ev.key(), ev.value(), term(ev.domain()), body(ev.body()));
        }
        return e;
    }

    private Term term(Term t) {
        if (t == null) {
            return null;
        }
        Term inner = t;
        if (t instanceof Term.ArrayCompr c) {
            inner = new Term.ArrayCompr(c.loc(), term(c.head()), body(c.body()));
        } else if (t instanceof Term.SetCompr c) {
            inner = new Term.SetCompr(c.loc(), term(c.head()), body(c.body()));
        } else if (t instanceof Term.ObjectCompr c) {
            inner = new Term.ObjectCompr(c.loc(), term(c.key()), term(c.value()), body(c.body()));
        } else if (t instanceof Term.Ref r) {
            inner = new Term.Ref(r.loc(), term(r.head()), r.path().stream().map(this::term).toList());
        } else if (t instanceof Term.Call c) {
            inner = new Term.Call(c.loc(), c.function(), c.args().stream().map(this::term).toList(), c.infix());
        } else if (t instanceof Term.ArrayTerm a) {
            inner = new Term.ArrayTerm(a.loc(), a.items().stream().map(this::term).toList());
        } else if (t instanceof Term.SetTerm s) {
            inner = new Term.SetTerm(s.loc(), s.items().stream().map(this::term).toList());
        } else if (t instanceof Term.ObjectTerm o) {
            inner = new Term.ObjectTerm(o.loc(), o.entries().stream()
                    .map(e -> new Term.Entry(term(e.key()), term(e.value()))).toList());
        } else if (t instanceof Term.TemplateString ts) {
            inner = new Term.TemplateString(ts.loc(), ts.parts().stream().map(this::part).toList(), ts.raw());
        }
        return rewrite.apply(inner);
    }

    private Term.TemplateString.Part part(Term.TemplateString.Part part) {
        return part instanceof Term.TemplateString.Expression e ? new Term.TemplateString.Expression(literal(e.literal()))
                : part;
    }
}
