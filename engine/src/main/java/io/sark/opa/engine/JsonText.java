package io.sark.opa.engine;

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
     * longer than {@code maxExponentDigits}, or {@code null} when nothing does ({@link InputScanner}).
     */
    static Problem check(byte[] json, int maxDepth, int maxExponentDigits) {
        return InputScanner.scan(json, maxDepth, maxExponentDigits, null).problem();
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

    /** The code unit of the four hex digits at {@code at}, or -1. */
    static int hex4(byte[] text, int at) {
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
