package io.sark.opa.plan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The bytes the compiler appends to linear memory after the library's static data, with their addresses. */
final class StaticData {
    // the library's string values, src/opa.h: type, flags, length, pointer to the bytes, hash
    private static final int OPA_STRING = 4;
    private static final int F_STATIC = 8;
    private static final int F_HASHED = 16;
    private static final int STRING_VALUE_BYTES = 16;

    private final int base;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<String, Integer> cStrings = new HashMap<>();
    private final Map<String, Integer> texts = new HashMap<>();
    private final Map<String, Integer> stringValues = new HashMap<>();

    StaticData(int base) {
        this.base = base;
    }

    int base() {
        return base;
    }

    /** Address of the UTF-8 bytes of {@code s} (also NUL-terminated, so usable as a C string). */
    int text(String s) {
        Integer addr = texts.get(s);
        if (addr == null) {
            addr = cString(s);
            texts.put(s, addr);
        }
        return addr;
    }

    static int length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Address of {@code s} as a NUL-terminated string. */
    int cString(String s) {
        Integer addr = cStrings.get(s);
        if (addr == null) {
            addr = base + bytes.size();
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
            cStrings.put(s, addr);
        }
        return addr;
    }

    /**
     * Address of a string value with the bytes of {@code s} in the runtime library's layout (wasm-runtime/CONTRACT.md):
     * its hash cached, never freed nor written, so the value stays in the image every instance shares.
     */
    int stringValue(String s) {
        Integer addr = stringValues.get(s);
        if (addr == null) {
            int text = text(s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            while (bytes.size() % 8 != 0) {
                bytes.write(0);
            }
            addr = base + bytes.size();
            ByteBuffer value = ByteBuffer.allocate(STRING_VALUE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            value.put((byte) OPA_STRING).put((byte) (F_STATIC | F_HASHED)).putShort((short) 0);
            value.putInt(utf8.length).putInt(text).putInt(stringHash(utf8));
            bytes.writeBytes(value.array());
            stringValues.put(s, addr);
        }
        return addr;
    }

    /** The library's string hash (compare.c): 32-bit FNV-1a. */
    private static int stringHash(byte[] utf8) {
        int h = 0x811C9DC5;
        for (byte b : utf8) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return h;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** First address after the data, 16-byte aligned: the new {@code opa_static_end()}. */
    int end() {
        return (base + bytes.size() + 15) & ~15;
    }
}
