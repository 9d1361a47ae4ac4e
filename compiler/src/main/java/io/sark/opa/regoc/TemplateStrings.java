package io.sark.opa.regoc;

import io.sark.opa.rego.Body;
import io.sark.opa.rego.Expr;
import io.sark.opa.rego.Literal;
import io.sark.opa.rego.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Template strings as OPA's compiler lowers them (v1/ast/compile.go, rewriteTemplateString; the {@code plan} of
 * OPA's stringinterpolation cases shows the result): {@code $"a {x}"} is
 * {@code internal.template_string(["a", {v | v = x}])}. Text and constant expressions are parts as they are; any
 * other expression (with its {@code with}s) is collected in a set, so that an undefined one renders as
 * {@code <undefined>} instead of making the string undefined.
 */
final class TemplateStrings {
    private TemplateStrings() {}

    static Term.Call lower(Term.TemplateString ts, IntSupplier newLocal) {
        List<Term> parts = new ArrayList<>();
        for (Term.TemplateString.Part part : ts.parts()) {
            if (part instanceof Term.TemplateString.Text text) {
                parts.add(new Term.Str(text.loc(), text.value()));
            } else {
                parts.add(expression(((Term.TemplateString.Expression) part).literal(), newLocal));
            }
        }
        Term.Ref name = new Term.Ref(ts.loc(), new Term.Var(ts.loc(), "internal"),
                List.of(new Term.Str(ts.loc(), "template_string")));
        return new Term.Call(ts.loc(), name, List.of(new Term.ArrayTerm(ts.loc(), parts)), false);
    }

    private static Term expression(Literal lit, IntSupplier newLocal) {
        Term value = ((Expr.TermExpr) lit.expr()).term();
        if (lit.withs().isEmpty() && isScalar(value)) {
            return value;
        }
        Term.Var each = new Term.Var(lit.loc(), "$template" + newLocal.getAsInt());
        Literal collect = new Literal(lit.loc(), false, new Expr.Unify(lit.loc(), each, value), lit.withs());
        return new Term.SetCompr(lit.loc(), each, new Body(lit.loc(), List.of(collect)));
    }

    private static boolean isScalar(Term t) {
        return t instanceof Term.Str || t instanceof Term.Num || t instanceof Term.Bool || t instanceof Term.Null;
    }
}
