package io.sark.opa.rego;

/** Where a node starts in its source file: 1-based row and column (column counted in chars). */
public record Location(String file, int row, int col) {
    @Override
    public String toString() {
        return file + ":" + row + ":" + col;
    }
}
