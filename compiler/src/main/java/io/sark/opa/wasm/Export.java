package io.sark.opa.wasm;

/** One export: name, kind (0 function, 1 table, 2 memory, 3 global) and index. */
public record Export(String name, int kind, int index) {}
