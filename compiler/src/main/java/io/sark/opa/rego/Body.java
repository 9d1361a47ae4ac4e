package io.sark.opa.rego;

import java.util.List;

/** A query: literals that must all hold, in order. */
public record Body(Location loc, List<Literal> literals) {
    public Body {
        literals = List.copyOf(literals);
    }
}
