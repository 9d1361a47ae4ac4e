package io.sark.opa.wasm;

import java.util.List;

/** A function signature: value type codes (0x7f i32, 0x7e i64, ...) of parameters and results. */
public record FuncType(List<Integer> params, List<Integer> results) {
    public static final int I32 = 0x7f;
    public static final int I64 = 0x7e;

    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** {@code n} i32 parameters, one i32 result: the shape of every plan function and native builtin. */
    public static FuncType i32s(int n) {
        return new FuncType(java.util.Collections.nCopies(n, I32), List.of(I32));
    }
}
