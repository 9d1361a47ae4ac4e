package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The exact reasons {@link InputScanner} gives for texts it refuses, one of each kind, the same whether it only checks
 * or also projects: callers see them, so a faster scan must not change a word or a position.
 */
class InputScannerMessagesTest {

    private static final String[][] REFUSED = {
        { "", "it is empty" },
        { "  ", "it is empty" },
        { "\u0000{}", "the text is not UTF-8 (a NUL byte at its start) (line 1, column 1)" },
        { "1x", "expected whitespace after a number at the top level but found 'x' (line 1, column 2)" },
        { "{} 1x", "more than one JSON value" },
        { "true1", "more than one JSON value" },
        { "truex", "expected the end of the text but found 'x' (line 1, column 5)" },
        { "[tru]", "expected 'true' but found ']' (line 1, column 5)" },
        { "nul", "expected 'null' but found the end of the text (line 1, column 4)" },
        { "{\"a\":[1,{\"b\":nulx}]}", "expected 'null' but found 'x' (line 1, column 17)" },
        { "-x", "a number needs a digit after '-' (line 1, column 2)" },
        { "1.e5", "a number needs a digit after its decimal point (line 1, column 3)" },
        { "1e+", "a number needs a digit in its exponent (line 1, column 4)" },
        { "-01", "a number has a leading zero (line 1, column 1)" },
        { "1\f", "expected whitespace after a number at the top level but found byte 0x0C (line 1, column 2)" },
        { "[1,]", "expected a value but found ']' (line 1, column 4)" },
        { "[,]", "expected a value but found ',' (line 1, column 2)" },
        { "/*c*/1", "expected a value but found '/' (line 1, column 1)" },
        { "[\n\r\n\r1,\n\t x]", "expected a value but found 'x' (line 5, column 3)" },
        { "{\"a\":1,}", "expected a member name in double quotes but found '}' (line 1, column 8)" },
        { "{1:2}", "expected a member name in double quotes but found '1' (line 1, column 2)" },
        { "{", "expected a member name in double quotes but found the end of the text (line 1, column 2)" },
        { "{\"a\" 1}", "expected ':' after a member name but found '1' (line 1, column 6)" },
        { "{\"a\"", "expected ':' after a member name but found the end of the text (line 1, column 5)" },
        { "{\"a\":", "unexpected end of input where a value should be (line 1, column 6)" },
        { "[", "unexpected end of input where a value should be (line 1, column 2)" },
        { "{\"a\":1 \"b\":2}", "expected ',' or '}' but found '\"' (line 1, column 8)" },
        { "[1 2]", "expected ',' or ']' but found '2' (line 1, column 4)" },
        { "{\"a\":1", "expected ',' or '}' but found the end of the text (line 1, column 7)" },
        { "{\"a\":{}}}", "expected the end of the text but found '}' (line 1, column 9)" },
        { "{} ,", "expected the end of the text but found ',' (line 1, column 4)" },
        { "\"\\q\"", "invalid escape '\\q' (line 1, column 2)" },
        { "\"\\u12g4\"", "a \\u escape needs 4 hex digits (line 1, column 6)" },
        { "\"\\u", "a \\u escape needs 4 hex digits (line 1, column 4)" },
        { "\"\\", "unexpected end of input in an escape (line 1, column 3)" },
        { "\"a\tb\"", "a control character (0x09) in a string must be escaped (line 1, column 3)" },
        { "\"abcdefghijklmnopqrstuvwxyz", "unexpected end of input in a string (line 1, column 28)" },
        { "{\"\\ud800\":1}", "a member name has a lone surrogate escape (line 1, column 9)" },
        { "{\"\\ud83d\\u0041\":1}", "a member name has a lone surrogate escape (line 1, column 15)" },
        { "{\"a\tb\":1}", "a control character (0x09) in a member name must be escaped (line 1, column 4)" },
        { "{\"a\\u00e9", "unexpected end of input in a member name (line 1, column 10)" },
        { "{\"" + "a".repeat(50_001) + "\":1}", "a member name is longer than 50000 bytes (line 1, column 2)" },
        { "{\"" + "é".repeat(25_001) + "\":1}", "a member name is longer than 50000 bytes (line 1, column 2)" },
    };

    private static final String[][] REFUSED_BYTES = {
        { "5B22C04122", "invalid UTF-8 middle byte 0x41 (line 1, column 4)" },
        { "5B22F8", "invalid UTF-8 start byte 0xF8 (line 1, column 3)" },
        { "5B22616263E282", "unexpected end of input in a UTF-8 sequence (line 1, column 8)" },
        { "7B22EDA080223A317D", "a member name has a surrogate encoded in UTF-8 (line 1, column 3)" },
    };

    private static final String[][] BEYOND_LIMITS = {
        { "[1e1234567x]", "a number's exponent has more than 6 digits (line 1, column 2)" },
        { "\n\n  1e0000001234567", "a number's exponent has more than 6 digits (line 3, column 3)" },
        { "[".repeat(257) + "]".repeat(257), "it nests arrays and objects more than 256 deep" },
        { "{\"a\":" + "[".repeat(256) + "]".repeat(256) + "}", "it nests arrays and objects more than 256 deep" },
    };

    @Test
    void refusedTextsAreExplainedAsBefore() {
        for (String[] row : REFUSED) {
            assertReason(row[0].getBytes(StandardCharsets.UTF_8), row[1], false);
        }
        for (String[] row : REFUSED_BYTES) {
            assertReason(fromHex(row[0]), row[1], false);
        }
    }

    @Test
    void textsBeyondTheLimitsAreExplainedAsBefore() {
        for (String[] row : BEYOND_LIMITS) {
            assertReason(row[0].getBytes(StandardCharsets.UTF_8), row[1], true);
        }
    }

    private static void assertReason(byte[] text, String reason, boolean beyondLimit) {
        for (InputPaths.Node reads : new InputPaths.Node[] { null, InputPaths.Node.WHOLE, readsA() }) {
            JsonText.Problem problem = InputScanner.scan(text, JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS,
                    reads).problem();
            assertThat(problem).as(new String(text, StandardCharsets.ISO_8859_1)).isNotNull();
            assertThat(problem.reason()).isEqualTo(reason);
            assertThat(problem.beyondLimit()).isEqualTo(beyondLimit);
        }
    }

    private static InputPaths.Node readsA() {
        try {
            return InputPaths.parse("{\"e\":{\"a\":true}}".getBytes(StandardCharsets.UTF_8)).of("e");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] fromHex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
