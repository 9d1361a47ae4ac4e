package io.sark.opa.rego;

import java.util.List;

/** What one literal of a body states. */
public sealed interface Expr {
    Location loc();

    /** A term that must be defined and not false: {@code x > 1}, {@code count(x)}, {@code input.allowed}. */
    record TermExpr(Location loc, Term term) implements Expr {}

    /** {@code left = right}: unification. */
    record Unify(Location loc, Term left, Term right) implements Expr {}

    /** {@code left := right}: declares the variables of left. */
    record Assign(Location loc, Term left, Term right) implements Expr {}

    /** {@code some x, y}: declares local variables. */
    record SomeVars(Location loc, List<Term.Var> vars) implements Expr {
        public SomeVars {
            vars = List.copyOf(vars);
        }
    }

    /** {@code some v in xs} (key null) or {@code some k, v in xs}; key and value may be patterns. */
    record SomeIn(Location loc, Term key, Term value, Term collection) implements Expr {}

    /** {@code every v in xs { body }} (key null) or {@code every k, v in xs { body }}. */
    record Every(Location loc, Term.Var key, Term.Var value, Term domain, Body body) implements Expr {}
}
