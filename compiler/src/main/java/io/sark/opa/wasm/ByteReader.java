package io.sark.opa.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Cursor over wasm binary bytes; every read past the end or malformed LEB128 is a {@link WasmFormatException}. */
public final class ByteReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    ByteReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    boolean atEnd() {
        return pos >= end;
    }

    public int position() {
        return pos;
    }

    public int u8() {
        if (pos >= end) {
            throw new WasmFormatException("unexpected end of input at offset " + pos);
        }
        return bytes[pos++] & 0xff;
    }

    public long u32() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 35) {
                throw new WasmFormatException("LEB128 u32 too long at offset " + pos);
            }
        }
        if (result > 0xffffffffL) {
            throw new WasmFormatException("LEB128 u32 out of range at offset " + pos);
        }
        return result;
    }

    int u32AsInt() {
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw new WasmFormatException("count or index too large at offset " + pos + ": " + v);
        }
        return (int) v;
    }

    public long s64() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 70);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    byte[] bytes(int n) {
        if (n < 0 || pos + n > end) {
            throw new WasmFormatException("truncated: need " + n + " bytes at offset " + pos);
        }
        byte[] b = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return b;
    }

    String name() {
        return new String(bytes(u32AsInt()), StandardCharsets.UTF_8);
    }

    /** Bytes from {@code from} to the current position. */
    byte[] since(int from) {
        return Arrays.copyOfRange(bytes, from, pos);
    }

    /** Skips a constant expression (global initialisers, segment offsets) up to and including its {@code end}. */
    void skipConstExpr() {
        while (true) {
            int op = u8();
            switch (op) {
                case 0x0b -> {
                    return;
                }
                case 0x41, 0x42 -> s64();
                case 0x43 -> bytes(4);
                case 0x44 -> bytes(8);
                case 0x23, 0xd2 -> u32();
                case 0xd0 -> u8();
                case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e -> { } // extended constant arithmetic
                default -> throw new WasmFormatException(
                        String.format("unsupported opcode 0x%02x in constant expression at offset %d", op, pos - 1));
            }
        }
    }
}
