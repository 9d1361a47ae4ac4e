package io.sark.opa.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One pass over a JSON text that checks it is one strict RFC 8259 value within the host's limits and, when given
 * the parts an entrypoint reads ({@link InputPaths.Node}), writes only those parts.
 *
 * <p>It accepts exactly what the Jackson parser the host used before accepted: UTF-8 with an optional byte order
 * mark; in strings each byte from 0x80 starts a sequence of 2 (C0-DF), 3 (E0-EF) or 4 (F0-F7) bytes whose followers
 * are 80-BF, with no check of overlong forms, surrogates or the top of Unicode; member names, which Jackson decodes,
 * also refuse surrogates (encoded in UTF-8, or as escapes that do not form a pair) and more than
 * {@value #MAX_NAME_BYTES} bytes once unescaped. Only UTF-8 is read: Jackson read a text with a NUL byte in its
 * first two or a UTF-16 or UTF-32 byte order mark as UTF-16 or UTF-32, which neither its projector nor a wasm module
 * could then read; OPA's Go decoder refuses such text too.
 *
 * <p>The projection: a part read whole is copied as written (numbers keep their text, strings their escapes); an
 * object read only in part keeps the members read, in their order, duplicates included, so the module resolves them
 * as it would the whole text; member names are matched by their value and written with Jackson's escapes; an array
 * read only in part becomes {@code []} (a constant key never finds anything in an array: the analysis reads an array
 * whole when it is indexed by number); a scalar is copied.
 */
final class InputScanner {

    /** Longest member name, in bytes of UTF-8 once unescaped: Jackson's default name limit, kept as it was. */
    static final int MAX_NAME_BYTES = 50_000;

    private static final InputPaths.Node SKIP = new InputPaths.Node(false, Map.of());

    private final byte[] json;
    private final int end;
    private final int maxDepth;
    private final int maxExponentDigits;
    private int at;
    private int depth;
    /** Whether each open container (by depth) is an object. */
    private boolean[] objects = new boolean[32];

    /** The projection being written (its first {@code size} bytes), or null when only checking. */
    private byte[] out;
    private int size;
    /** The node of each object being written part by part (by depth), and whether a member of it is written. */
    private InputPaths.Node[] partial;
    private boolean[] written;
    /** What the projection does with the next value: its node, or {@link #SKIP}. */
    private InputPaths.Node next;
    /** Depth of the container being skipped or copied whole, 0 when none is; where the copy starts, -1 to skip. */
    private int passiveDepth;
    private int copyFrom = -1;

    /** The outcome: the projection (or the text itself when nothing narrower was asked), or what is wrong. */
    record Result(byte[] json, JsonText.Problem problem) {}

    private InputScanner(byte[] json, int maxDepth, int maxExponentDigits, InputPaths.Node reads) {
        this.json = json;
        this.end = json.length;
        this.maxDepth = maxDepth;
        this.maxExponentDigits = maxExponentDigits;
        boolean project = reads != null && !reads.whole();
        this.out = project ? new byte[Math.max(16, Math.min(json.length, 1024))] : null;
        this.next = reads;
        if (project) {
            partial = new InputPaths.Node[32];
            written = new boolean[32];
        }
    }

    /**
     * Checks {@code json} against strict JSON, nesting at most {@code maxDepth} and exponents of at most
     * {@code maxExponentDigits} digits; keeps only what {@code reads} names, when not null nor whole.
     */
    static Result scan(byte[] json, int maxDepth, int maxExponentDigits, InputPaths.Node reads) {
        InputScanner scanner = new InputScanner(json, maxDepth, maxExponentDigits, reads);
        JsonText.Problem problem = scanner.run();
        if (problem != null) {
            return new Result(null, problem);
        }
        return new Result(scanner.out == null ? json : Arrays.copyOf(scanner.out, scanner.size), null);
    }

    private static final class Failure extends RuntimeException {
        final transient JsonText.Problem problem;

        Failure(JsonText.Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    private JsonText.Problem run() {
        try {
            if (end >= 2 && (json[0] == 0 || json[1] == 0)) {
                throw syntax("the text is not UTF-8 (a NUL byte at its start)", json[0] == 0 ? 0 : 1);
            }
            if (end >= 4 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF) {
                at = 3; // a UTF-8 byte order mark, which Jackson skipped
            }
            whitespace();
            if (at == end) {
                return new JsonText.Problem("it is empty", false);
            }
            values();
            return afterRoot();
        } catch (Failure e) {
            return e.problem;
        }
    }

    /** Reads the root value; the loop goes down into containers and back up without recursion. */
    private void values() {
        for (;;) {
            boolean closed = value();
            if (!closed) {
                // a container was opened: its first member or element, or its end
                whitespace();
                byte close = objects[depth] ? (byte) '}' : (byte) ']';
                if (at < end && json[at] == close) {
                    closeContainer();
                } else {
                    if (objects[depth]) {
                        member();
                    }
                    continue;
                }
            }
            // after a value: commas and closing brackets until the next value starts, or the root is done
            for (;;) {
                if (depth == 0) {
                    return;
                }
                whitespace();
                boolean object = objects[depth];
                byte c = at < end ? json[at] : 0;
                if (c == ',') {
                    at++;
                    whitespace();
                    if (object) {
                        member();
                    }
                    break;
                }
                if (c == (object ? '}' : ']')) {
                    closeContainer();
                    continue;
                }
                throw syntax("expected ',' or '" + (object ? '}' : ']') + "' but found " + found(at), at);
            }
        }
    }

    /** After the root value only whitespace may follow. */
    private JsonText.Problem afterRoot() {
        whitespace();
        if (at == end) {
            return null;
        }
        byte c = json[at];
        if (c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
                || c == 'n') {
            return new JsonText.Problem("more than one JSON value", false);
        }
        throw syntax("expected the end of the text but found " + found(at), at);
    }

    /** Reads the value at {@code at} (whitespace skipped); false when it opened a container, true when it is done. */
    private boolean value() {
        if (at == end) {
            throw syntax("unexpected end of input where a value should be", at);
        }
        InputPaths.Node node = null;
        if (out != null && passiveDepth == 0) {
            node = next;
            next = SKIP;
        }
        int start = at;
        byte c = json[at];
        if (c == '{' || c == '[') {
            openContainer(c == '{', node, start);
            return false;
        }
        if (c == '"') {
            string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else {
            throw syntax("expected a value but found " + found(at), at);
        }
        if (node != null && node != SKIP) {
            write(json, start, at - start);
        }
        return true;
    }

    private void openContainer(boolean object, InputPaths.Node node, int start) {
        if (++depth > maxDepth) {
            throw new Failure(new JsonText.Problem("it nests arrays and objects more than " + maxDepth + " deep", true));
        }
        if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
        }
        objects[depth] = object;
        at++;
        if (node == null) {
            return;
        }
        if (object && node != SKIP && !node.whole()) {
            if (depth == partial.length) {
                partial = Arrays.copyOf(partial, depth * 2);
                written = Arrays.copyOf(written, depth * 2);
            }
            partial[depth] = node;
            written[depth] = false;
            write('{');
            return;
        }
        if (node != SKIP && !node.whole()) {
            write('[');
            write(']');
        }
        passiveDepth = depth;
        copyFrom = node != SKIP && node.whole() ? start : -1;
    }

    private void closeContainer() {
        at++;
        if (out != null) {
            if (passiveDepth == depth) {
                if (copyFrom >= 0) {
                    write(json, copyFrom, at - copyFrom);
                }
                passiveDepth = 0;
            } else if (passiveDepth == 0) {
                write('}');
            }
        }
        depth--;
    }

    /** A member's name and colon; whitespace before it skipped. Sets what the projection does with its value. */
    private void member() {
        if (at == end || json[at] != '"') {
            throw syntax("expected a member name in double quotes but found " + found(at), at);
        }
        int start = ++at;
        // the common name: ASCII with no escape, compared as it is
        while (at < end) {
            byte c = json[at];
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            at++;
        }
        String decoded = null;
        if (at < end && json[at] == '"') {
            if (at - start > MAX_NAME_BYTES) {
                throw nameTooLong(start);
            }
        } else {
            decoded = name(start);
        }
        int nameEnd = at++; // the closing quote
        if (at < end && json[at] != ':') {
            whitespace();
        }
        if (at == end || json[at] != ':') {
            throw syntax("expected ':' after a member name but found " + found(at), at);
        }
        at++;
        whitespace();
        if (out != null && passiveDepth == 0) {
            project(start, nameEnd, decoded);
        }
    }

    /** Whether the member named by {@code json[start, nameEnd)} (or {@code decoded}) is read, and if so writes it. */
    private void project(int start, int nameEnd, String decoded) {
        InputPaths.Node node = partial[depth];
        InputPaths.Node child = decoded != null ? node.children().get(decoded) : child(node, start, nameEnd);
        next = child == null ? SKIP : child;
        if (child == null) {
            return;
        }
        if (written[depth]) {
            write(',');
        }
        written[depth] = true;
        write('"');
        if (decoded == null) {
            write(json, start, nameEnd - start); // ASCII with nothing to escape
        } else {
            byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(decoded);
            write(quoted, 0, quoted.length);
        }
        write('"');
        write(':');
    }

    private void write(char c) {
        if (size == out.length) {
            out = Arrays.copyOf(out, size * 2);
        }
        out[size++] = (byte) c;
    }

    private void write(byte[] bytes, int from, int length) {
        if (size + length > out.length) {
            out = Arrays.copyOf(out, Math.max(size + length, size * 2));
        }
        System.arraycopy(bytes, from, out, size, length);
        size += length;
    }

    /** The child of {@code node} named by the plain ASCII bytes {@code json[start, nameEnd)}. */
    private InputPaths.Node child(InputPaths.Node node, int start, int nameEnd) {
        return node.children().get(new String(json, start, nameEnd - start, StandardCharsets.ISO_8859_1));
    }

    /**
     * The rest of a member name from {@code start}, with escapes or bytes beyond ASCII: checked as Jackson checked
     * names and decoded as it decoded them (UTF-8 without overlong checks). Leaves {@code at} on the closing quote.
     */
    private String name(int start) {
        StringBuilder name = new StringBuilder();
        name.append(new String(json, start, at - start, StandardCharsets.ISO_8859_1));
        int bytes = at - start;
        for (;;) {
            if (at == end) {
                throw syntax("unexpected end of input in a member name", at);
            }
            int c = json[at] & 0xFF;
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw syntax("a control character (" + hex(c) + ") in a member name must be escaped", at);
            }
            if (c == '\\') {
                int unit = escape();
                if (unit >= 0xD800 && unit < 0xDC00) {
                    int low = at + 1 < end && json[at] == '\\' && json[at + 1] == 'u' ? escape() : -1;
                    if (low < 0xDC00 || low >= 0xE000) {
                        throw syntax("a member name has a lone surrogate escape", at);
                    }
                    name.append((char) unit).append((char) low);
                    bytes += 4;
                } else if (unit >= 0xDC00 && unit < 0xE000) {
                    throw syntax("a member name has a lone surrogate escape", at);
                } else {
                    name.append((char) unit);
                    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
                }
                continue;
            }
            if (c < 0x80) {
                name.append((char) c);
                bytes++;
                at++;
                continue;
            }
            int from = at;
            int followers = utf8Followers(c, from);
            int code = c & (0x3F >> followers);
            for (int k = 1; k <= followers; k++) {
                code = code << 6 | (json[from + k] & 0x3F);
            }
            if (followers == 2 && code >= 0xD800 && code < 0xE000) {
                throw syntax("a member name has a surrogate encoded in UTF-8", from);
            }
            if (followers == 3) {
                code -= 0x10000;
                name.append((char) (0xD800 + (code >> 10))).append((char) (0xDC00 | (code & 0x3FF)));
            } else {
                name.append((char) code);
            }
            bytes += followers + 1;
            at += followers + 1;
        }
        if (bytes > MAX_NAME_BYTES) {
            throw nameTooLong(start);
        }
        return name.toString();
    }

    private Failure nameTooLong(int start) {
        return syntax("a member name is longer than " + MAX_NAME_BYTES + " bytes", start - 1);
    }

    /** A string value from its opening quote; leaves {@code at} after the closing quote. */
    private void string() {
        at++;
        final byte[] text = json;
        for (;;) {
            int i = at;
            // the common bytes: printable ASCII but the quote and the backslash (bytes from 0x80 are negative)
            byte c = 0;
            while (i < end && (c = text[i]) >= 0x20 && c != '"' && c != '\\') {
                i++;
            }
            at = i;
            if (i == end) {
                throw syntax("unexpected end of input in a string", at);
            }
            if (c == '"') {
                at++;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0) {
                at += utf8Followers(c & 0xFF, at) + 1;
            } else {
                throw syntax("a control character (" + hex(c) + ") in a string must be escaped", at);
            }
        }
    }

    /** How many bytes follow the lead byte {@code lead} at {@code from}, once they are checked to be 80-BF. */
    private int utf8Followers(int lead, int from) {
        int followers;
        if ((lead & 0xE0) == 0xC0) {
            followers = 1;
        } else if ((lead & 0xF0) == 0xE0) {
            followers = 2;
        } else if ((lead & 0xF8) == 0xF0) {
            followers = 3;
        } else {
            throw syntax("invalid UTF-8 start byte " + hex(lead), from);
        }
        for (int k = 1; k <= followers; k++) {
            if (from + k == end) {
                throw syntax("unexpected end of input in a UTF-8 sequence", from + k);
            }
            if ((json[from + k] & 0xC0) != 0x80) {
                throw syntax("invalid UTF-8 middle byte " + hex(json[from + k] & 0xFF), from + k);
            }
        }
        return followers;
    }

    /** An escape from its backslash; leaves {@code at} after it and returns the UTF-16 unit it stands for. */
    private int escape() {
        int from = at;
        if (at + 1 >= end) {
            throw syntax("unexpected end of input in an escape", end);
        }
        byte c = json[at + 1];
        at += 2;
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                int unit = 0;
                for (int k = 0; k < 4; k++, at++) {
                    int digit = at < end ? hexDigit(json[at]) : -1;
                    if (digit < 0) {
                        throw syntax("a \\u escape needs 4 hex digits", at);
                    }
                    unit = unit << 4 | digit;
                }
                return unit;
            default:
                throw syntax("invalid escape '\\" + (c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : hex(c & 0xFF))
                        + "'", from);
        }
    }

    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** A number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, its exponent within the limit. */
    private void number() {
        int start = at;
        if (json[at] == '-') {
            at++;
        }
        if (at < end && json[at] == '0') {
            at++;
            if (at < end && isDigit(json[at])) {
                throw syntax("a number has a leading zero", start);
            }
        } else if (digits() == 0) {
            throw syntax("a number needs a digit after '-'", at);
        }
        if (at < end && json[at] == '.') {
            at++;
            if (digits() == 0) {
                throw syntax("a number needs a digit after its decimal point", at);
            }
        }
        int exponent = -1;
        if (at < end && (json[at] == 'e' || json[at] == 'E')) {
            at++;
            if (at < end && (json[at] == '+' || json[at] == '-')) {
                at++;
            }
            exponent = at;
            if (digits() == 0) {
                throw syntax("a number needs a digit in its exponent", at);
            }
        }
        if (depth == 0 && at < end && !isWhitespace(json[at])) {
            throw syntax("expected whitespace after a number at the top level but found " + found(at), at);
        }
        if (exponent >= 0) {
            while (exponent < at - 1 && json[exponent] == '0') {
                exponent++; // leading zeros do not count
            }
            if (at - exponent > maxExponentDigits) {
                throw new Failure(new JsonText.Problem("a number's exponent has more than " + maxExponentDigits
                        + " digits (" + where(start) + ")", true));
            }
        }
    }

    private int digits() {
        int from = at;
        while (at < end && isDigit(json[at])) {
            at++;
        }
        return at - from;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++, at++) {
            if (at == end || json[at] != word.charAt(k)) {
                throw syntax("expected '" + word + "' but found " + found(at), at);
            }
        }
    }

    private void whitespace() {
        while (at < end && isWhitespace(json[at])) {
            at++;
        }
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private Failure syntax(String what, int position) {
        return new Failure(new JsonText.Problem(what + " (" + where(position) + ")", false));
    }

    /** Line and column (from 1, in bytes) of a position, counting CR, LF and CR LF each as one line break. */
    private String where(int position) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position && i < end; i++) {
            if (json[i] == '\n' || (json[i] == '\r' && (i + 1 >= end || json[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (position - lineStart + 1);
    }

    private String found(int position) {
        if (position >= end) {
            return "the end of the text";
        }
        int c = json[position] & 0xFF;
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte " + hex(c);
    }

    private static String hex(int c) {
        return String.format("0x%02X", c & 0xFF);
    }
}
