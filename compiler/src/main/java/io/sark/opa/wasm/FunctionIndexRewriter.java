package io.sark.opa.wasm;

import java.util.function.IntUnaryOperator;

/**
 * Rewrites the function indices inside encoded function bodies ({@code call}, {@code ref.func}) and element
 * segments, copying every other byte unchanged. Bodies are decoded instruction by instruction because an
 * index byte can also occur inside another instruction's immediates.
 */
final class FunctionIndexRewriter {
    private static final int CALL = 0x10;
    private static final int REF_FUNC = 0xd2;

    private FunctionIndexRewriter() {}

    /** A function body (local declarations, then instructions) with each function index {@code i} as {@code map(i)}. */
    static byte[] code(byte[] body, IntUnaryOperator map) {
        ByteReader r = new ByteReader(body);
        long groups = r.u32();
        for (long g = 0; g < groups; g++) {
            r.u32();
            r.u8();
        }
        ByteWriter w = new ByteWriter().bytes(r.since(0));
        while (!r.atEnd()) {
            int start = r.position();
            int op = r.u8();
            if (op == CALL || op == REF_FUNC) {
                index(r, map, w.u8(op));
            } else {
                skipImmediates(r, op);
                w.bytes(r.since(start));
            }
        }
        return w.toByteArray();
    }

    /** An element segment as {@link WasmReader} keeps it (flags 0 to 3: function index vectors) with indices mapped. */
    static byte[] element(byte[] segment, IntUnaryOperator map) {
        ByteReader r = new ByteReader(segment);
        int flags = r.u32AsInt();
        switch (flags) {
            case 0 -> r.skipConstExpr();
            case 1, 3 -> r.u8();
            case 2 -> {
                r.u32();
                r.skipConstExpr();
                r.u8();
            }
            default -> throw new WasmFormatException("element segment flags " + flags + " are not supported");
        }
        ByteWriter w = new ByteWriter().bytes(r.since(0));
        int n = r.u32AsInt();
        w.u32(n);
        for (int i = 0; i < n; i++) {
            index(r, map, w);
        }
        return w.toByteArray();
    }

    /** Copies one function index, keeping its encoding when unchanged (linkers pad LEBs to five bytes). */
    private static void index(ByteReader r, IntUnaryOperator map, ByteWriter w) {
        int from = r.position();
        int index = r.u32AsInt();
        int mapped = map.applyAsInt(index);
        if (mapped == index) {
            w.bytes(r.since(from));
        } else {
            w.u32(mapped);
        }
    }

    /** Skips the immediates of {@code op}: MVP, sign extension, reference types and bulk memory (no SIMD). */
    private static void skipImmediates(ByteReader r, int op) {
        if (op == 0x02 || op == 0x03 || op == 0x04) {
            r.s64(); // block type: empty, a value type or a type index, all one signed LEB
        } else if (op == 0x0e) {
            int targets = r.u32AsInt();
            for (int i = 0; i <= targets; i++) {
                r.u32();
            }
        } else if (op == 0x11 || (op >= 0x28 && op <= 0x3e)) {
            r.u32(); // call_indirect type and table; loads and stores alignment and offset
            r.u32();
        } else if (op == 0x1c) {
            r.bytes(r.u32AsInt());
        } else if (op == 0x0c || op == 0x0d || (op >= 0x20 && op <= 0x26) || op == 0x3f || op == 0x40 || op == 0xd0) {
            r.u32();
        } else if (op == 0x41 || op == 0x42) {
            r.s64();
        } else if (op == 0x43) {
            r.bytes(4);
        } else if (op == 0x44) {
            r.bytes(8);
        } else if (op == 0xfc) {
            skipPrefixed(r, r.u32AsInt());
        } else if (!hasNoImmediates(op)) {
            throw new WasmFormatException(String.format("unsupported opcode 0x%02x at offset %d", op, r.position() - 1));
        }
    }

    private static boolean hasNoImmediates(int op) {
        return op == 0x00 || op == 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b
                || op == 0xd1 || (op >= 0x45 && op <= 0xc4);
    }

    /** The 0xfc group: saturating truncations (none), then bulk memory and table operations. */
    private static void skipPrefixed(ByteReader r, int sub) {
        int immediates = switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> 0;
            case 9, 11, 13, 15, 16, 17 -> 1;
            case 8, 10, 12, 14 -> 2;
            default -> throw new WasmFormatException("unsupported opcode 0xfc " + sub + " at offset " + r.position());
        };
        for (int i = 0; i < immediates; i++) {
            r.u32();
        }
    }
}
