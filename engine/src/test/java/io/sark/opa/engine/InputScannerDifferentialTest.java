package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link InputScanner} against the Jackson check and projector it replaced ({@link JacksonInputReference}): the
 * same texts accepted, the same projections byte for byte, the same limits reported, over every input of the shared
 * conformance cases (read here, not copied) and over texts generated and broken on purpose.
 */
class InputScannerDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of("../../shared");
    private static final int[][] LIMITS = { { JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS }, { 3, 1 },
            { Integer.MAX_VALUE, Integer.MAX_VALUE } };

    private int compared;

    @Test
    void sharedConformanceInputsReadAsBefore() throws IOException {
        Random random = new Random(18);
        List<byte[]> texts = new ArrayList<>();
        for (String corpus : List.of("opa-v1", "opa-conformance")) {
            Path root = SHARED.resolve(corpus);
            if (!Files.isDirectory(root)) {
                continue; // the shared corpora are beside the project on CI and here
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    byte[] raw = Files.readAllBytes(file);
                    texts.add(raw); // the file as written: its own spacing, escapes and numbers
                    JsonNode cases = JSON.readTree(raw).path("cases");
                    for (JsonNode c : cases) {
                        if (c.has("input")) {
                            texts.add(JSON.writeValueAsBytes(c.get("input")));
                            texts.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(c.get("input")));
                        }
                    }
                }
            }
        }
        for (byte[] text : texts) {
            compareWithTrees(text, random);
        }
        for (int i = 0; i < 3000; i++) {
            byte[] text = texts.get(random.nextInt(texts.size()));
            if (text.length < 20_000) {
                compareWithTrees(mutate(text, random), random);
            }
        }
        assertThat(texts.size()).as("shared inputs read").isGreaterThan(texts.isEmpty() ? -1 : 1000);
    }

    @Test
    void generatedAndBrokenTextsReadAsBefore() {
        Random random = new Random(8259);
        for (int i = 0; i < 6_000; i++) {
            StringBuilder text = new StringBuilder();
            randomValue(text, random, 0);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            compareWithTrees(bytes, random);
            compareWithTrees(mutate(bytes, random), random);
            compareWithTrees(mutate(mutate(bytes, random), random), random);
        }
        assertThat(compared).isGreaterThan(50_000);
    }

    @Test
    void edgeCasesReadAsBefore() {
        List<String> hex = List.of("", "20", "EFBBBF7B7D", "EFBBBF20", "EFBBBF", "EFBB31", "007B007D", "7B007D00",
                "FEFF007B007D", "FFFE7B00", "0031", "3100", "00", "22C0AF22", "7B22C0AF223A317D", "22EDA08022",
                "7B22EDA080223A317D", "22F580808022", "7B22F7BFBFBF223A317D", "22F880808022", "228022", "22C322",
                "7B22C3223A317D", "5B312CC3A95D", "7B22F09F9880223A317D", "227F22", "7B22E08080223A317D",
                "7B22C080223A317D", "7B22EDBFBF223A317D", "7B22ED9FBF223A317D", "7B22F48FBFBF223A317D", "31", "3120",
                "310D0A", "0D0A310D0A0D32");
        for (String h : hex) {
            compareWithTrees(fromHex(h), new Random(h.hashCode()));
        }
        List<String> texts = List.of("1x", "1{", "{}x", "{} 1x", "{} \"abc", "true1", "true{", "truex", "[1e1234567x]",
                "-", "1.", "01", "-0", "-01", "[1,]", "{\"a\":1,}", "\"\\q\"", "\"\\u12g4\"", "\"a\tb\"", "/*c*/1", "1\f",
                "[1]\r\n 2", "{\"a\" 1}", "nul", "[tru]", "\"\\/\"", "1.5E+0003", "[1E-0000001]", "{\"a\":{}}}",
                "{\"\\ud800\":1}", "{\"\\ud83d\\ude00\":1}", "{\"\\ude00\\ud83d\":1}", "{\"\\ud83dx\":1}",
                "{\"\\ud83d\\u0041\":1}", "{\"\":1}", "{\"\\u0000\":1,\"\":2}", "{\"a\\u00e9\":1}", "[\"\\ud800\"]",
                "1e1234567", "1e1234567 ", "1e1234567x", "\n\n  1e0000001234567", "[1E+0000000]", "{\"a\":1e9999999}",
                "{\"a\\\"b\":1,\"a\\nb\":2,\"c\\u001f\":3,\"\\\\\":4,\"é\":5,\"\\u00e9\":6}", "[] ]", "{} ,", "\"a\" :",
                "{\"a\":1 \"b\":2}", "[1 2]", "{\"a\"}", "{1:2}", "[\"\u2028\"]", "\"\\u", "\"\\", "\"\\uD83D\\uDE00\"");
        for (String text : texts) {
            compareWithTrees(text.getBytes(StandardCharsets.UTF_8), new Random(text.hashCode()));
        }
        String deep = "[".repeat(300) + "]".repeat(300);
        compareWithTrees(deep.getBytes(StandardCharsets.UTF_8), new Random(1));
        compareWithTrees(("{\"a\":" + "{\"a\":".repeat(299) + "1" + "}".repeat(300)).getBytes(StandardCharsets.UTF_8),
                new Random(2));
        byte[] veryDeep = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        assertThat(JsonText.problem(veryDeep)).isNull();
        for (String name : List.of("a".repeat(50_000), "a".repeat(50_001), "é".repeat(25_000), "é".repeat(25_001),
                "\\u0061".repeat(50_001), "a".repeat(49_999) + "\\u00e9", "\\ud83d\\ude00".repeat(12_500),
                "\\ud83d\\ude00".repeat(12_500) + "a")) {
            compareWithTrees(("{\"" + name + "\":1}").getBytes(StandardCharsets.UTF_8), new Random(3));
        }
    }

    /** What strings are searched for 8 bytes at a time: each is put at every offset of a long string. */
    private static final byte[][] STRING_BYTES = { { '\\', 'n' }, { '\\', '"' }, { '\\', '\\' },
            { '\\', 'u', '0', '0', 'e', '9' }, { '\\', 'u', 'd', '8', '3', 'd', '\\', 'u', 'd', 'e', '0', '0' },
            { '\\', 'q' }, { '\\', 'u', '1', '2' }, { '"' }, { 0 }, { 0x1F }, { 0x20 }, { 0x7F },
            { (byte) 0x80 }, { (byte) 0xC3, (byte) 0xA9 }, { (byte) 0xE2, (byte) 0x82, (byte) 0xAC },
            { (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80 }, { (byte) 0xC3, 'a' }, { (byte) 0xF8 }, { (byte) 0xFF },
            { (byte) 0xED, (byte) 0xA0, (byte) 0x80 } };

    @Test
    void longStringsReadAsBeforeWhereverTheirBytesFallInAWord() {
        for (int pad = 0; pad < 8; pad++) { // where the string starts, modulo 8
            String space = " ".repeat(pad);
            for (byte[] special : STRING_BYTES) {
                for (int offset = 0; offset <= 40; offset++) {
                    byte[] body = concat("a".repeat(offset).getBytes(StandardCharsets.US_ASCII), special,
                            "b".repeat(40 - offset).getBytes(StandardCharsets.US_ASCII));
                    byte[] value = concat((space + "[\"").getBytes(StandardCharsets.US_ASCII), body, new byte[] { '"', ']' });
                    compare(value, null, LIMITS[0]);
                    compare(value, tree("{\"a\":true}"), LIMITS[0]);
                    byte[] name = concat((space + "{\"").getBytes(StandardCharsets.US_ASCII), body,
                            "\":1}".getBytes(StandardCharsets.US_ASCII));
                    compare(name, null, LIMITS[0]);
                    compare(name, treeReading(name), LIMITS[0]);
                    // the string ends with the text: closed by its last byte, or not closed at all
                    byte[] root = concat((space + "\"").getBytes(StandardCharsets.US_ASCII), body);
                    compare(concat(root, new byte[] { '"' }), null, LIMITS[0]);
                    compare(root, null, LIMITS[0]);
                }
            }
            for (int length = 0; length <= 40; length++) {
                String plain = "x".repeat(length);
                compare((space + "\"" + plain).getBytes(StandardCharsets.US_ASCII), null, LIMITS[0]);
                compare((space + "\"" + plain + "\"").getBytes(StandardCharsets.US_ASCII), null, LIMITS[0]);
                compare((space + "{\"" + plain).getBytes(StandardCharsets.US_ASCII), tree("{\"x\":true}"), LIMITS[0]);
                compare((space + "{\"" + plain + "\":\"" + plain + "\"}").getBytes(StandardCharsets.US_ASCII),
                        tree("{\"" + plain + "\":true}"), LIMITS[0]);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void namesDecodeAsJacksonDecodedThem() {
        // every lead byte with followers on the edges of each range, as a member name that is read and one that is not
        int[] followers = { 0x80, 0x9F, 0xA0, 0xBF };
        for (int lead = 0x80; lead <= 0xFF; lead++) {
            for (int f1 : followers) {
                for (int f2 : followers) {
                    for (int f3 : followers) {
                        byte[] name = { (byte) lead, (byte) f1, (byte) f2, (byte) f3 };
                        for (int length = 1; length <= 4; length++) {
                            byte[] text = new byte[length + 8];
                            text[0] = '{';
                            text[1] = '"';
                            System.arraycopy(name, 0, text, 2, length);
                            System.arraycopy("\":1}".getBytes(StandardCharsets.UTF_8), 0, text, length + 2, 4);
                            text = java.util.Arrays.copyOf(text, length + 6);
                            compare(text, treeReading(text), LIMITS[0]);
                            compare(text, tree("{\"x\":true}"), LIMITS[0]);
                        }
                    }
                }
            }
        }
    }

    private void compareWithTrees(byte[] text, Random random) {
        List<InputPaths.Node> trees = new ArrayList<>();
        trees.add(null);
        trees.add(InputPaths.Node.WHOLE);
        trees.add(tree("{}"));
        JsonNode parsed = null;
        try {
            parsed = JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            // not JSON: trees made up below
        }
        for (int i = 0; i < 2; i++) {
            trees.add(parsed != null ? treeOf(parsed, random) : tree("{\"a\":true,\"cases\":{\"input\":true}}"));
        }
        for (InputPaths.Node tree : trees) {
            compare(text, tree, LIMITS[random.nextInt(LIMITS.length)]);
        }
    }

    private void compare(byte[] text, InputPaths.Node tree, int[] limits) {
        compared++;
        JacksonInputReference.Read before = JacksonInputReference.read(text, limits[0], limits[1], tree);
        InputScanner.Result now = InputScanner.scan(text, limits[0], limits[1], tree);
        String shown = shown(text);
        if (!before.utf8()) {
            // Jackson read a text with a NUL byte or a UTF-16 or UTF-32 mark in its first bytes as UTF-16 or UTF-32,
            // which neither its projector (byte offsets) nor a wasm module (UTF-8) could read; OPA refuses it too
            assertThat(now.problem()).as(shown).isNotNull();
            return;
        }
        assertThat(now.problem() == null).as("accepted: " + shown + " / " + before.problem())
                .isEqualTo(before.problem() == null);
        if (before.problem() == null) {
            assertThat(new String(now.json(), StandardCharsets.ISO_8859_1)).as("projection of " + shown)
                    .isEqualTo(new String(before.json(), StandardCharsets.ISO_8859_1));
            return;
        }
        assertThat(now.problem().beyondLimit()).as("beyond a limit: " + shown + " / " + before.problem())
                .isEqualTo(before.problem().beyondLimit());
        String reason = before.problem().reason();
        if (before.problem().beyondLimit() || reason.equals("it is empty") || reason.equals("more than one JSON value")) {
            assertThat(now.problem().reason()).as(shown).isEqualTo(reason);
        }
        assertThat(now.problem().reason()).as(shown).matches("(?s).*\\(line \\d+, column \\d+\\)|it is empty|more "
                + "than one JSON value|it nests arrays and objects more than \\d+ deep");
    }

    /** A random tree over an input: some keys read whole, some in part, some missing. */
    private static InputPaths.Node treeOf(JsonNode value, Random random) {
        ObjectNode tree = JSON.createObjectNode();
        fill(tree, value, random, 0);
        if (random.nextInt(5) == 0) {
            tree.put("absent\u00e9\"\\", true);
        }
        return tree(tree.toString());
    }

    private static void fill(ObjectNode tree, JsonNode value, Random random, int depth) {
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            int pick = random.nextInt(4);
            if (pick == 0 || depth > 5) {
                continue;
            } else if (pick == 1) {
                tree.put(field.getKey(), true);
            } else {
                fill(tree.putObject(field.getKey()), field.getValue(), random, depth + 1);
            }
        }
    }

    private static InputPaths.Node tree(String json) {
        try {
            return InputPaths.parse(("{\"e\":" + json + "}").getBytes(StandardCharsets.UTF_8)).of("e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String[] NAMES = { "a", "b", "user", "cases", "input", "é", "a\\u0062", "\\ud83d\\ude00", "",
            "\\\"", "x\\ny", "\\u00e9" };

    private static void randomValue(StringBuilder out, Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 4 : 7);
        switch (kind) {
            case 0 -> out.append(List.of("true", "false", "null").get(random.nextInt(3)));
            case 1 -> out.append(List.of("0", "-0", "12", "-3.25", "1e5", "1E-07", "6.02e+23", "1e0000009", "1e1234567",
                    "9".repeat(40), "0.000001").get(random.nextInt(11)));
            case 2, 3 -> out.append('"').append(List.of("", "abc", "é", "\\u00e9", "\\ud800", "\\n\\t\\\"",
                    "\\ud83d\\ude00", "😀", "\u007f", "a/b").get(random.nextInt(10))).append('"');
            case 4, 5 -> {
                out.append('{').append(space(random));
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "").append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\"")
                            .append(space(random)).append(':').append(space(random));
                    randomValue(out, random, depth + 1);
                }
                out.append(space(random)).append('}');
            }
            default -> {
                out.append('[');
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? " , " : "");
                    randomValue(out, random, depth + 1);
                }
                out.append(']');
            }
        }
    }

    private static String space(Random random) {
        return List.of("", "", " ", "\n", "\r\n", "\t", "\r").get(random.nextInt(7));
    }

    private static final byte[][] PIECES = { {}, { '"' }, { '\\' }, { '{' }, { '}' }, { '[' }, { ']' }, { ',' },
            { ':' }, { 0 }, { 0x1F }, { (byte) 0x80 }, { (byte) 0xC3 }, { (byte) 0xC3, (byte) 0xA9 },
            { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80 },
            { (byte) 0xF8 }, { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, { 'e', '9', '9', '9', '9', '9', '9', '9' },
            { '0' }, { '-' }, { '.' }, { 'e' }, { '\\', 'u', 'd', '8', '0', '0' }, { ' ' }, { '\n' }, { '\r' } };

    /** The text truncated, with a byte changed, or with a piece put in or taken out. */
    private static byte[] mutate(byte[] text, Random random) {
        int at = text.length == 0 ? 0 : random.nextInt(text.length + 1);
        switch (random.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(text, at);
            case 1:
                if (at < text.length) {
                    byte[] copy = text.clone();
                    copy[at] = (byte) random.nextInt(256);
                    return copy;
                }
                return text;
            case 2:
                byte[] piece = PIECES[random.nextInt(PIECES.length)];
                byte[] longer = new byte[text.length + piece.length];
                System.arraycopy(text, 0, longer, 0, at);
                System.arraycopy(piece, 0, longer, at, piece.length);
                System.arraycopy(text, at, longer, at + piece.length, text.length - at);
                return longer;
            default:
                int to = Math.min(text.length, at + random.nextInt(4));
                byte[] shorter = new byte[text.length - (to - at)];
                System.arraycopy(text, 0, shorter, 0, at);
                System.arraycopy(text, to, shorter, at, text.length - to);
                return shorter;
        }
    }

    private static byte[] fromHex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** A tree reading the first member of {@code text} under the name Jackson gives it, when it has one. */
    private static InputPaths.Node treeReading(byte[] text) {
        try {
            ObjectNode tree = JSON.createObjectNode();
            tree.put(JSON.readTree(text).fieldNames().next(), true);
            return tree(tree.toString());
        } catch (IOException | RuntimeException e) {
            return tree("{\"y\":true}");
        }
    }

    private static String shown(byte[] text) {
        String s = new String(text, 0, Math.min(text.length, 200), StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return out.toString();
    }
}
