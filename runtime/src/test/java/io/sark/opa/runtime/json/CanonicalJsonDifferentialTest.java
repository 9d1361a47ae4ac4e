package io.sark.opa.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The hand-written cache key agrees with the Jackson-based one it replaced ({@link JacksonCanonicalJson}) on every
 * text: the same key bytes (the former key's text in UTF-8) where that one had a key, and none where it refused the
 * text. Equal bytes for equal texts make the two keys share and separate entries alike.
 */
class CanonicalJsonDifferentialTest {

    private static final String[] NAMES = {
        "a", "b", "user", "tool", "A", "aa", "", "\\u0061", "\\u0062", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "\\u00E9",
        "\\ud83d\\ude00", "😀", "\\uffff", "\uffee", "z\\u0000", "\\/", "/", "\\t", "\\u001f", "\\u007f", "\u007f",
        "\\ud800", "\\udc00", "\\ud800x", "ab\\u0063", "ä", "\\u4e2d", "中", "x\\u2028"
    };
    private static final String[] STRINGS = {
        "", "alice", "A", "\\u0041", "\\n", "\\u000a", "\\b\\f\\r\\t", "\\/", "\\\"", "\\\\", "\\u0000", "\\u001F",
        "\\u007f", "\u007f", "é", "\\u00e9", "😀", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\ud83dx", "\\ude00\\ud83d",
        "\\ufffd", "\\uFFFE", "中文", "\\u2028", "a\\u0022b", "\\ud83d\\u0041", "\\ud800\\ud800\\udc00"
    };
    private static final String[] NUMBERS = {
        "0", "-0", "1", "1.0", "1e0", "1E0", "1e+0", "1e-0", "10", "0.5", "-12.50", "2e2", "200", "200.0", "2E+2",
        "123456789012345678901234567890", "1e2147483648", "1.5e-7", "-0.0", "9007199254740993"
    };

    private static void assertAgrees(byte[] text) {
        String expected;
        try {
            expected = JacksonCanonicalJson.of(text);
        } catch (IOException e) {
            expected = null;
        }
        byte[] actual = CanonicalJson.of(text);
        Supplier<String> hex = () -> "the text " + HexFormat.of().formatHex(text);
        if (expected == null) {
            assertThat(actual).as(hex).isNull();
        } else {
            assertThat(actual).as(hex).isNotNull();
            assertThat(new String(actual, StandardCharsets.UTF_8)).as(hex).isEqualTo(expected);
            assertThat(actual).as(hex).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertAgrees(String text) {
        assertAgrees(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void generatedValuesGetTheFormerKey() {
        Random random = new Random(18);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            value(random, text, 0);
            assertAgrees(text.toString());
        }
    }

    @Test
    void mutatedTextsAreKeyedOrRefusedAsBefore() {
        Random random = new Random(5);
        byte[] alphabet = "{}[]\",:\\ 0123456789.eE+-tfnulrsa\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 15_000; i++) {
            StringBuilder text = new StringBuilder();
            value(random, text, 0);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream mutated = new ByteArrayOutputStream();
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            mutated.write(bytes, 0, at);
            switch (random.nextInt(4)) {
                case 0 -> mutated.write(alphabet[random.nextInt(alphabet.length)]);
                case 1 -> mutated.write(random.nextInt(256));
                case 2 -> at++; // drop a byte
                default -> mutated.write(bytes.length == 0 ? '1' : bytes[random.nextInt(bytes.length)]);
            }
            if (at < bytes.length) {
                mutated.write(bytes, at, bytes.length - at);
            }
            byte[] candidate = mutated.toByteArray();
            if (candidate.length >= 2 && (candidate[0] == 0 || candidate[1] == 0)) {
                continue; // Jackson read these as UTF-16 or UTF-32, which the engines refuse: see below
            }
            assertAgrees(candidate);
        }
    }

    @Test
    void everyUtf8FormJacksonReadsIsSpelledAsItWas() {
        // each lead byte with followers of each kind, in a value and in a name: overlong forms, encoded surrogates,
        // codes past U+10FFFF, lone and paired, and broken sequences
        // the second byte decides overlong forms, surrogates and the top of Unicode; the later ones only their kind
        int[] seconds = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0x41};
        int[] laters = {0x80, 0xBF, 0x41};
        for (int lead = 0x80; lead <= 0xFF; lead++) {
            for (int length = 1; length <= (lead < 0xC0 ? 1 : 4); length++) {
                int variants = length == 1 ? 1 : seconds.length * (int) Math.pow(laters.length, length - 2);
                for (int variant = 0; variant < variants; variant++) {
                    byte[] sequence = new byte[length];
                    sequence[0] = (byte) lead;
                    for (int k = 1, rest = variant; k < length; k++) {
                        int[] choices = k == 1 ? seconds : laters;
                        sequence[k] = (byte) choices[rest % choices.length];
                        rest /= choices.length;
                    }
                    assertAgrees(wrap("[\"", sequence, "\"]"));
                    assertAgrees(wrap("{\"", sequence, "\":1}"));
                    assertAgrees(wrap("{\"b\":1,\"", sequence, "\":2,\"a\":3}"));
                }
            }
        }
        // surrogates encoded in UTF-8 next to escapes, paired either way
        assertAgrees(utf8Bytes("[\"", 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, "\"]"));
        assertAgrees(utf8Bytes("[\"\\ud83d", 0xED, 0xB8, 0x80, "\"]"));
        assertAgrees(utf8Bytes("[\"", 0xED, 0xA0, 0xBD, "\\ude00\"]"));
        assertAgrees(utf8Bytes("{\"\\ud83d", 0xED, 0xB8, 0x80, "\":1}"));
    }

    @Test
    void nestingUpToJacksonsLimitAndNoDeeper() {
        for (int depth : new int[] {999, 1000, 1001}) {
            assertAgrees("[".repeat(depth) + "]".repeat(depth));
            assertAgrees("{\"a\":".repeat(depth - 1) + "[]" + "}".repeat(depth - 1));
        }
    }

    @Test
    void namesUpToJacksonsLimitAndNoLonger() {
        for (int length : new int[] {49_999, 50_000, 50_001}) {
            assertAgrees("{\"" + "n".repeat(length) + "\":1}");
            assertAgrees("{\"" + "é".repeat(length / 2) + "\":1}");
            assertAgrees("{\"" + "\\u00e9".repeat(length / 2) + "\":1}");
        }
    }

    @Test
    void manyMembersAndByteOrderMarks() {
        Random random = new Random(7);
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            object.append(i == 0 ? "" : ",").append('"').append(random.nextInt(300)).append("\":").append(i);
        }
        assertAgrees(object.append('}').toString());
        for (String text : new String[] {"1", "{}", " [1] ", "\"a\"", ""}) {
            assertAgrees(utf8Bytes("", 0xEF, 0xBB, 0xBF, text));
        }
    }

    private static byte[] wrap(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Text parts and single bytes, in order. */
    private static byte[] utf8Bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 8);
        space(random, out);
        switch (kind) {
            case 0 -> out.append('"').append(pick(random, STRINGS)).append('"');
            case 1 -> out.append(pick(random, NUMBERS));
            case 2 -> out.append(pick(random, new String[] {"true", "false", "null"}));
            case 3, 4 -> out.append('"').append(pick(random, NAMES)).append('"');
            case 5 -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",");
                    value(random, out, depth + 1);
                }
                space(random, out);
                out.append(']');
            }
            default -> {
                out.append('{');
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",");
                    space(random, out);
                    out.append('"').append(pick(random, NAMES)).append('"');
                    space(random, out);
                    out.append(':');
                    value(random, out, depth + 1);
                }
                space(random, out);
                out.append('}');
            }
        }
        space(random, out);
    }

    private static void space(Random random, StringBuilder out) {
        if (random.nextInt(4) == 0) {
            out.append(pick(random, new String[] {" ", "\n", "\r\n\t ", "\t"}));
        }
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
