package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Rule;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules one rule definition refers to (references into {@code data}, rule names of its package, import
 * aliases, function calls, all made references into {@code data} by {@link NameResolver}), found by walking its
 * head, body and else branches.
 */
final class RuleReferences {
    private final RuleIndex rules;
    private final Set<List<String>> found = new LinkedHashSet<>();

    private RuleReferences(RuleIndex rules, RuleGroup.Definition d) {
        this.rules = rules;
    }

    /** Data paths (without "data") of the rule groups the definition depends on. */
    static Set<List<String>> of(RuleIndex rules, RuleGroup.Definition d) {
        RuleReferences r = new RuleReferences(rules, d);
        for (Rule link = d.rule(); link != null; link = link.elseRule()) {
            r.rule(link);
        }
        return r.found;
    }

    private void rule(Rule rule) {
        body(rule.body());
        Rule.Head h = rule.head();
        h.ref().path().forEach(this::term);
        term(h.key());
        term(h.value());
    }

    private void body(Body body) {
        for (Literal lit : body.literals()) {
            expr(lit.expr());
            for (Literal.With w : lit.withs()) {
                term(w.value());
            }
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.TermExpr t) {
            term(t.term());
        } else if (e instanceof Expr.Unify u) {
            term(u.left());
            term(u.right());
        } else if (e instanceof Expr.Assign a) {
            term(a.right());
        } else if (e instanceof Expr.SomeIn s) {
            term(s.collection());
        } else if (e instanceof Expr.Every ev) {
            term(ev.domain());
            body(ev.body());
        }
    }

    private void term(Term t) {
        if (t == null) {
            return;
        }
        if (t instanceof Term.Var v) {
            reference(v, List.of());
        } else if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var v) {
                reference(v, r.path());
            } else {
                term(r.head());
            }
            r.path().forEach(this::term);
        } else if (t instanceof Term.Call c) {
            reference((Term.Var) c.function().head(), c.function().path());
            c.args().forEach(this::term);
        } else if (t instanceof Term.ArrayTerm a) {
            a.items().forEach(this::term);
        } else if (t instanceof Term.SetTerm s) {
            s.items().forEach(this::term);
        } else if (t instanceof Term.ObjectTerm o) {
            o.entries().forEach(e -> {
                term(e.key());
                term(e.value());
            });
        } else if (t instanceof Term.ArrayCompr c) {
            body(c.body());
            term(c.head());
        } else if (t instanceof Term.SetCompr c) {
            body(c.body());
            term(c.head());
        } else if (t instanceof Term.ObjectCompr c) {
            body(c.body());
            term(c.key());
            term(c.value());
        } else if (t instanceof Term.TemplateString ts) {
            term(TemplateStrings.lower(ts, () -> 0));
        }
    }

    /** A name with its path: every rule group at, above or below the constant part of the path it reaches. */
    private void reference(Term.Var head, List<Term> path) {
        if (!head.name().equals("data")) {
            return;
        }
        List<String> segments = new ArrayList<>();
        for (Term t : path) {
            if (!(t instanceof Term.Str s)) {
                break;
            }
            segments.add(s.value());
        }
        List<Term> rest = path.subList(segments.size(), path.size());
        for (int k = 1; k <= segments.size(); k++) {
            if (rules.group(segments.subList(0, k)) != null) {
                found.add(List.copyOf(segments.subList(0, k)));
                return;
            }
        }
        found.addAll(rules.pathsReachable(segments, rest));
    }
}
