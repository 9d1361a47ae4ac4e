package io.sark.opa.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The bytes the compiler appends to linear memory after the library's static data, with their addresses. */
final class StaticData {
    private final int base;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<String, Integer> cStrings = new HashMap<>();
    private final Map<String, Integer> texts = new HashMap<>();

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

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** First address after the data, 16-byte aligned: the new {@code opa_static_end()}. */
    int end() {
        return (base + bytes.size() + 15) & ~15;
    }
}
