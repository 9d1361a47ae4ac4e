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

    // OPA reads numbers of any length (Go's json.Number); the depth is counted below, to say what is wrong.
    // Field names are not interned: interning 90,000 distinct keys costs several times the scan
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    private static final byte[] FFFD = { 'f', 'f', 'f', 'd' };

    private JsonText() {}

    /**
     * Why {@code json} is not one JSON value nested at most {@code maxDepth} deep, or {@code null} when it is.
     * A streaming scan that builds nothing and converts no number: its cost grows with the text only.
     */
    static String problem(byte[] json, int maxDepth) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            int depth = 0;
            JsonToken token = parser.nextToken();
            if (token == null) {
                return "it is empty";
            }
            do {
                if (token.isStructStart() && ++depth > maxDepth) {
                    return "it nests arrays and objects more than " + maxDepth + " deep";
                } else if (token.isStructEnd()) {
                    depth--;
                }
                token = parser.nextToken();
            } while (depth > 0);
            return token == null ? null : "more than one JSON value";
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            return e.getOriginalMessage()
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        } catch (IOException e) {
            return e.getMessage();
        }
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
