package io.sark.opa.wasm;

/**
 * One import. {@code descriptor} is the encoded description after the kind byte: a type index for a
 * function, limits for a memory, etc.
 */
public record Import(String module, String name, int kind, byte[] descriptor) {
    public static final int FUNCTION = 0;
    public static final int TABLE = 1;
    public static final int MEMORY = 2;
    public static final int GLOBAL = 3;
}
