package io.sark.opa.rego;

import java.util.List;

/** One expression of a body, maybe negated ({@code not}), with its {@code with ... as ...} modifiers. */
public record Literal(Location loc, boolean negated, Expr expr, List<With> withs) {
    public Literal {
        withs = List.copyOf(withs);
    }

    /** {@code with target as value}: target is a ref ({@code input.x}, {@code data.a}) or a function name. */
    public record With(Location loc, Term target, Term value) {}
}
