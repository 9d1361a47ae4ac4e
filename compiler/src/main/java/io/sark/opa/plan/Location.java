package io.sark.opa.plan;

/** Where a statement came from: index into the policy's static files, 1-based row and column. */
public record Location(int file, int row, int col) {}
