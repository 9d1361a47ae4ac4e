package io.sark.opa.ir;

import java.util.List;

/** A sequence of statements; a statement that is undefined ends its block. */
public record Block(List<Statement> statements) {
    public Block {
        statements = List.copyOf(statements);
    }
}
