package io.sark.opa.ir;

/** Where a statement came from: index into the policy's static files, 1-based row and column. */
public record StatementLocation(int file, int row, int col) {}
