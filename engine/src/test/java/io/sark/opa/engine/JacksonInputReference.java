package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The host's former reading of input, kept as the reference {@link InputScanner} is compared with: Jackson's
 * streaming parser checked the text token by token, and a projector riding on the same tokens copied the parts read.
 */
final class JacksonInputReference {

    // numbers of any length, depth counted below; field names not interned
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    private JacksonInputReference() {}

    /** What the former check said: the projection or the problem, and whether Jackson read the text as UTF-8. */
    record Read(byte[] json, JsonText.Problem problem, boolean utf8) {}

    static Read read(byte[] json, int maxDepth, int maxExponentDigits, InputPaths.Node reads) {
        boolean[] utf8 = { true };
        check(json, 1, 1, null, utf8);
        // a text Jackson reads as UTF-16 or UTF-32 has no byte offsets for the projector: checked only
        Projector projector = reads == null || reads.whole() || !utf8[0] ? null : new Projector(json, reads);
        JsonText.Problem problem = check(json, maxDepth, maxExponentDigits, projector, utf8);
        return new Read(problem != null ? null : projector == null ? json : projector.bytes(), problem, utf8[0]);
    }

    private static JsonText.Problem check(byte[] json, int maxDepth, int maxExponentDigits, Projector tokens,
            boolean[] utf8) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            utf8[0] = parser instanceof UTF8StreamJsonParser;
            int depth = 0;
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new JsonText.Problem("it is empty", false);
            }
            do {
                if (token.isStructStart() && ++depth > maxDepth) {
                    return new JsonText.Problem("it nests arrays and objects more than " + maxDepth + " deep", true);
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && exponentDigits(parser.getText()) > maxExponentDigits) {
                    return new JsonText.Problem("a number's exponent has more than " + maxExponentDigits + " digits (line "
                            + parser.currentTokenLocation().getLineNr() + ", column "
                            + parser.currentTokenLocation().getColumnNr() + ")", true);
                }
                if (tokens != null) {
                    tokens.next(parser, token);
                }
                token = parser.nextToken();
            } while (depth > 0);
            return token == null ? null : new JsonText.Problem("more than one JSON value", false);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            return new JsonText.Problem(e.getOriginalMessage()
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"),
                    false);
        } catch (IOException e) {
            return new JsonText.Problem(e.getMessage(), false);
        }
    }

    /** Digits of the exponent of a JSON number's text, leading zeros not counted; 0 when it has none. */
    private static int exponentDigits(String number) {
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

    /** Copies the parts read, token by token. */
    private static final class Projector {

        private static final InputPaths.Node SKIP = new InputPaths.Node(false, java.util.Map.of());

        private final byte[] json;
        private final ByteArrayOutputStream out;
        /** The objects being written part by part, innermost first, with whether a member is written yet. */
        private final Deque<Frame> objects = new ArrayDeque<>();
        /** What to do with the next value: its node, or {@link #SKIP}. */
        private InputPaths.Node next;
        /** Nesting inside a value being copied or skipped whole; 0 when none is. */
        private int passiveDepth;
        /** Where the value being copied starts, or -1 when it is skipped. */
        private long copyFrom = -1;

        private record Frame(InputPaths.Node node, boolean[] written) {}

        Projector(byte[] json, InputPaths.Node root) {
            this.json = json;
            this.out = new ByteArrayOutputStream(Math.min(json.length, 4096));
            this.next = root;
        }

        /** The projected text, once the scan has passed. */
        byte[] bytes() {
            return out.toByteArray();
        }

        void next(JsonParser parser, JsonToken token) throws IOException {
            if (passiveDepth > 0) {
                if (token.isStructStart()) {
                    passiveDepth++;
                } else if (token.isStructEnd() && --passiveDepth == 0 && copyFrom >= 0) {
                    int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    out.write(json, (int) copyFrom, end - (int) copyFrom);
                }
                return;
            }
            if (token == JsonToken.FIELD_NAME) {
                member(parser);
                return;
            }
            if (token == JsonToken.END_OBJECT) {
                objects.pop();
                out.write('}');
                return;
            }
            InputPaths.Node node = next;
            next = SKIP;
            value(parser, token, node);
        }

        private void member(JsonParser parser) throws IOException {
            Frame frame = objects.peek();
            String key = parser.currentName();
            InputPaths.Node child = frame.node().children().get(key);
            if (child == null) {
                next = SKIP;
                return;
            }
            if (frame.written()[0]) {
                out.write(',');
            }
            frame.written()[0] = true;
            out.write('"');
            out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(key));
            out.write('"');
            out.write(':');
            next = child;
        }

        private void value(JsonParser parser, JsonToken token, InputPaths.Node node) {
            boolean skip = node == SKIP;
            if (token.isStructStart()) {
                if (!skip && !node.whole() && token == JsonToken.START_OBJECT) {
                    objects.push(new Frame(node, new boolean[1]));
                    out.write('{');
                    return;
                }
                if (!skip && !node.whole()) {
                    out.write('[');
                    out.write(']');
                }
                passiveDepth = 1;
                copyFrom = skip || !node.whole() ? -1 : parser.currentTokenLocation().getByteOffset();
                return;
            }
            if (!skip) {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                out.write(json, from, scalarEnd(from) - from);
            }
        }

        /** Where the scalar starting at {@code from} ends: after a string's closing quote, or at the first delimiter. */
        private int scalarEnd(int from) {
            int i = from;
            if (json[i] == '"') {
                for (i++; i < json.length && json[i] != '"'; i++) {
                    if (json[i] == '\\') {
                        i++;
                    }
                }
                return Math.min(i + 1, json.length);
            }
            while (i < json.length && json[i] != ',' && json[i] != ']' && json[i] != '}' && json[i] != ' '
                    && json[i] != '\n' && json[i] != '\r' && json[i] != '\t') {
                i++;
            }
            return i;
        }
    }
}
