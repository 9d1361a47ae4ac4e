package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Copies out of one JSON text only the parts an entrypoint reads ({@link InputPaths.Node}), riding on the scan that
 * checks the text ({@link JsonText#check(byte[], int, int, JsonText.Tokens)}), so the input is read once. A part read
 * whole is copied as written (numbers keep their text, strings their escapes); an object read only in part keeps the
 * keys read, in their order, duplicates included, so the module resolves them as it would the whole text; an array
 * read only in part becomes {@code []} (a constant key never finds anything in an array: the analysis reads an
 * array whole when it is indexed by number); a scalar is copied.
 */
final class InputProjector implements JsonText.Tokens {

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

    InputProjector(byte[] json, InputPaths.Node root) {
        this.json = json;
        this.out = new ByteArrayOutputStream(Math.min(json.length, 4096));
        this.next = root;
    }

    /** The projected text, once the scan has passed. */
    byte[] bytes() {
        return out.toByteArray();
    }

    @Override
    public void next(JsonParser parser, JsonToken token) throws IOException {
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
