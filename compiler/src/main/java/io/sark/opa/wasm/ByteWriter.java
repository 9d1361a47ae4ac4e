package io.sark.opa.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Growable byte buffer with the wasm binary format's encodings (LEB128, names, vectors). */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter u8(int b) {
        out.write(b);
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public ByteWriter u32(long value) {
        long v = value & 0xffffffffL;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    public ByteWriter s32(int value) {
        return s64(value);
    }

    public ByteWriter s64(long value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    public ByteWriter name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** A length-prefixed byte vector (section bodies, code entries, data). */
    public ByteWriter sized(byte[] b) {
        u32(b.length);
        return bytes(b);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
