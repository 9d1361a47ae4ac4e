package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/** Strict RFC 8259 checks of JSON text, for messages that say what is wrong and where. */
final class JsonText {

    /**
     * Deepest nesting of arrays and objects accepted in input: the runtime the plan compiler links
     * (compiler/wasm-runtime/src/json_parse.c, {@code MAX_DEPTH}) parses no deeper, so every module gets one limit.
     */
    static final int MAX_INPUT_DEPTH = 256;

    /**
     * Largest exponent digits a number in input may have: up to 999999. OPA reads any exponent, but a wasm module
     * pays for one (OPA's own runtime takes half a second on {@code 1e2147483647}), and no value a policy can compare
     * needs more: float64 ends at 1e308.
     */
    static final int MAX_EXPONENT_DIGITS = 6;

    // OPA reads numbers of any length (Go's json.Number); the depth is counted below, to say what is wrong.
    // Field names are not interned: interning 90,000 distinct keys costs several times the scan
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    private static final byte[] FFFD = { 'f', 'f', 'f', 'd' };

    private JsonText() {}

    /** What is wrong with a JSON text; {@code beyondLimit} when it is valid JSON past one of the host's limits. */
    record Problem(String reason, boolean beyondLimit) {}

    /** Why {@code json} is not one JSON value, or {@code null} when it is. */
    static String problem(byte[] json) {
        Problem problem = check(json, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return problem == null ? null : problem.reason();
    }

    /**
     * What keeps {@code json} from being one JSON value nested at most {@code maxDepth} deep, with no number's exponent
     * longer than {@code maxExponentDigits}, or {@code null} when nothing does. A streaming scan that builds nothing and
     * converts no number: its cost grows with the text only.
     */
    static Problem check(byte[] json, int maxDepth, int maxExponentDigits) {
        return check(json, maxDepth, maxExponentDigits, null);
    }

    /** Sees each token of a scan that has passed the checks so far. */
    interface Tokens {
        void next(JsonParser parser, JsonToken token) throws IOException;
    }

    /** As {@link #check(byte[], int, int)}, showing each token to {@code tokens} (when not null) as it is read. */
    static Problem check(byte[] json, int maxDepth, int maxExponentDigits, Tokens tokens) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            int depth = 0;
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new Problem("it is empty", false);
            }
            do {
                if (token.isStructStart() && ++depth > maxDepth) {
                    return new Problem("it nests arrays and objects more than " + maxDepth + " deep", true);
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && exponentDigits(parser.getText()) > maxExponentDigits) {
                    return new Problem("a number's exponent has more than " + maxExponentDigits + " digits (line "
                            + parser.currentTokenLocation().getLineNr() + ", column "
                            + parser.currentTokenLocation().getColumnNr() + ")", true);
                }
                if (tokens != null) {
                    tokens.next(parser, token);
                }
                token = parser.nextToken();
            } while (depth > 0);
            return token == null ? null : new Problem("more than one JSON value", false);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            return new Problem(e.getOriginalMessage()
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"),
                    false);
        } catch (IOException e) {
            return new Problem(e.getMessage(), false);
        }
    }

    /** Digits of the exponent of a JSON number's text, leading zeros not counted; 0 when it has none. */
    static int exponentDigits(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return 0;
        }
        int i = e + 1;
        if (i < number.length() && (number.charAt(i) == '+' || number.charAt(i) == '-')) {
            i++;
        }
        while (i < number.length() - 1 && number.charAt(i) == '0') {
            i++;
        }
        return number.length() - i;
    }

    /**
     * {@code json} with each unpaired surrogate escape ({@code \ud800}) written {@code \ufffd}: Go's decoder reads
     * it so, hence OPA accepts it, while OPA's own wasm runtime rejects it. The same array when there is none.
     */
    static byte[] withoutLoneSurrogates(byte[] json) {
        byte[] out = json;
        for (int i = 0; i < json.length - 1; i++) {
            if (json[i] != '\\') {
                continue;
            }
            if (json[i + 1] == 'u' && i + 6 <= json.length) {
                int unit = hex4(json, i + 2);
                boolean high = unit >= 0xD800 && unit < 0xDC00;
                if (high && i + 12 <= json.length && json[i + 6] == '\\' && json[i + 7] == 'u'
                        && hex4(json, i + 8) >= 0xDC00 && hex4(json, i + 8) < 0xE000) {
                    i += 11; // a pair: both escapes stay
                    continue;
                }
                if (unit >= 0xD800 && unit < 0xE000) {
                    out = out == json ? json.clone() : out;
                    System.arraycopy(FFFD, 0, out, i + 2, 4);
                }
                i += 5;
            } else {
                i++; // the escaped character, which may itself be a backslash
            }
        }
        return out;
    }

    private static int hex4(byte[] text, int at) {
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(text[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
