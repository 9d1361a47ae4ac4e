package io.sark.opa.runtime.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One text per JSON value, for decision-cache keys, as UTF-8: object members sorted by name (of a repeated name the
 * last counts, as in Jackson's and Go's decoders), no whitespace, strings by their characters, numbers as written.
 * Two inputs the policy cannot tell apart must share a cache entry, and inputs it can tell apart must not: OPA keeps
 * a number's text ({@code json.Number}, {@code ast.Number} in OPA's v1/ast/term.go), so {@code 200}, {@code 2e2} and
 * {@code 200.0} print differently in {@code sprintf} and in results, and stay apart here; copying the text also
 * never expands {@code 1e2147483647}.
 *
 * <p>The key is built on every cached decision that its exact bytes do not answer, so it is one pass over the bytes
 * with no tree: text that is canonical already (the common case) is checked and copied once; a string is decoded
 * only when it has an escape or UTF-8 in a form other than the shortest; an object is reordered only when its names
 * are out of order. It accepts what the Jackson parser the key was first made with accepted, and spells strings as
 * that key did (Jackson's {@code JsonStringEncoder}): strict JSON in UTF-8 with an optional byte order mark,
 * multi-byte sequences checked for their lead and follower bytes and decoded by their bits (overlong forms and codes
 * past U+10FFFF included) but no surrogate encoded in UTF-8, no lone surrogate escape in a member name, names of at
 * most {@value #MAX_NAME_BYTES} bytes and nesting at most {@value #MAX_DEPTH} deep.
 */
public final class CanonicalJson {

    /** Deepest nesting read: Jackson's default limit. */
    static final int MAX_DEPTH = 1000;
    /** Longest member name, in bytes of UTF-8 once unescaped: Jackson's default limit. */
    static final int MAX_NAME_BYTES = 50_000;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** The bytes a string holds as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PRINTABLE = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PRINTABLE[c] = c != '"' && c != '\\';
        }
    }

    private final byte[] in;
    private final int end;
    private int at;
    /**
     * The output: {@code out[0, size)}, then the input bytes read since {@code pending}, which are copied only when
     * something other than them must follow (canonical text is copied once, at the end). Null until then.
     */
    private byte[] out;
    private int size;
    private int pending;
    /**
     * The members of the objects being read, innermost last, 4 ints each: where the member starts in the output, where
     * its colon is, where it ends, and where its name's text starts in the input (for plain names).
     */
    private int[] spans;
    /** The name of each member as decoded, when it is not plain ASCII (null for plain names, compared as bytes). */
    private String[] names;
    private int members;
    /** A string's UTF-16 units, when it needs decoding. */
    private char[] units;

    private CanonicalJson(byte[] json) {
        this.in = json;
        this.end = json.length;
    }

    /** The canonical UTF-8 text of {@code json}, or {@code null} when it is not one JSON value. */
    public static byte[] of(byte[] json) {
        return new CanonicalJson(json).document();
    }

    private byte[] document() {
        if (end >= 2 && (in[0] == 0 || in[1] == 0)) {
            return null; // Jackson took this for UTF-16 or UTF-32, which the engines refuse
        }
        if (end >= 4 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
            at = 3;
            pending = 3;
        }
        if (!value(0)) {
            return null;
        }
        int valueEnd = at;
        while (at < end && isWhitespace(in[at])) {
            at++;
        }
        if (at != end) {
            return null;
        }
        if (out == null) {
            return Arrays.copyOfRange(in, pending, valueEnd); // canonical as it was
        }
        at = valueEnd;
        flush();
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /** Reads one value after optional whitespace; false when it is not JSON. */
    private boolean value(int depth) {
        whitespace();
        if (at == end) {
            return false;
        }
        byte c = in[at];
        switch (c) {
            case '{':
                return depth < MAX_DEPTH && object(depth + 1);
            case '[':
                return depth < MAX_DEPTH && array(depth + 1);
            case '"':
                return string(false) != null;
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return (c == '-' || (c >= '0' && c <= '9')) && number(depth == 0);
        }
    }

    private boolean array(int depth) {
        if (empty(']')) {
            return true;
        }
        for (;;) {
            if (!value(depth)) {
                return false;
            }
            int c = separator();
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    private boolean object(int depth) {
        int open = position();
        if (empty('}')) {
            return true;
        }
        int first = members;
        boolean sorted = true;
        for (;;) {
            int start = position();
            int nameAt = at + 1;
            String name = at < end && in[at] == '"' ? string(true) : null;
            whitespace();
            if (name == null || at == end || in[at] != ':') {
                return false;
            }
            int colon = position();
            at++;
            if (!value(depth)) {
                return false;
            }
            int member = push(start, colon, position(), nameAt, name);
            sorted = sorted && (member == first || compare(member - 1, member) < 0);
            whitespace();
            if (at < end && in[at] == '}') {
                break;
            }
            if (separator() != ',') {
                return false;
            }
            whitespace();
        }
        if (!sorted) {
            reorder(open + 1, first);
        }
        members = first;
        at++; // the closing brace
        return true;
    }

    /** Reads the opening bracket at {@code at}; true when {@code close} follows at once, read too. */
    private boolean empty(char close) {
        at++;
        whitespace();
        if (at < end && in[at] == close) {
            at++;
            return true;
        }
        return false;
    }

    /** The next byte after whitespace, read; -1 at the end of the text. */
    private int separator() {
        whitespace();
        return at < end ? in[at++] : -1;
    }

    /** Where the output stands. */
    private int position() {
        return size + at - pending;
    }

    private int push(int start, int colon, int memberEnd, int nameAt, String name) {
        if (spans == null) {
            spans = new int[32];
            names = new String[8];
        } else if (members == names.length) {
            spans = Arrays.copyOf(spans, members * 8);
            names = Arrays.copyOf(names, members * 2);
        }
        int at4 = members * 4;
        spans[at4] = start;
        spans[at4 + 1] = colon;
        spans[at4 + 2] = memberEnd;
        // a plain name's text is the same in the input and the output: read from the input, which is all there
        spans[at4 + 3] = nameAt;
        names[members] = name == PLAIN ? null : name;
        return members++;
    }

    /**
     * Rewrites the members {@code first..members} (output from position {@code from} on, in input order) sorted by
     * name, stable, keeping only the last of a repeated name.
     */
    private void reorder(int from, int first) {
        int count = members - first;
        int[] order = sorted(first, count);
        int close = at;
        byte[] source;
        int shift; // from an output position to its index in source
        if (from >= size) {
            // none of them is copied yet: copy what comes before, then the members straight from the input
            at = pending + from - size;
            flush();
            source = in;
            shift = at - from;
        } else {
            flush();
            source = Arrays.copyOfRange(out, from, size);
            shift = -from;
            size = from;
        }
        for (int i = 0; i < count; i++) {
            int member = order[i];
            if (i + 1 < count && compare(member, order[i + 1]) == 0) {
                continue;
            }
            if (size > from) {
                write((byte) ',');
            }
            int start = spans[member * 4];
            write(source, start + shift, spans[member * 4 + 2] - start);
        }
        at = close;
        pending = close;
    }

    /** The members {@code first..first+count}, sorted by name, stable: of repeated names the last stays last. */
    private int[] sorted(int first, int count) {
        int[] order = new int[count];
        if (count > 16) {
            Integer[] boxed = new Integer[count];
            Arrays.setAll(boxed, i -> first + i);
            Arrays.sort(boxed, this::compare);
            Arrays.setAll(order, i -> boxed[i]);
            return order;
        }
        for (int i = 0; i < count; i++) { // insertion sort: few members, and no boxing
            int member = first + i;
            int j = i;
            for (; j > 0 && compare(order[j - 1], member) > 0; j--) {
                order[j] = order[j - 1];
            }
            order[j] = member;
        }
        return order;
    }

    /** Orders two members by name as Java strings order (UTF-16 units), as the former Jackson-based key did. */
    private int compare(int a, int b) {
        if (names[a] == null && names[b] == null) {
            // a loop of its own: names are short and mostly differ early, where a library call costs more than it saves
            int fromA = spans[a * 4 + 3];
            int fromB = spans[b * 4 + 3];
            int lengthA = nameLength(a);
            int lengthB = nameLength(b);
            for (int k = 0, common = Math.min(lengthA, lengthB); k < common; k++) {
                int difference = (in[fromA + k] & 0xFF) - (in[fromB + k] & 0xFF);
                if (difference != 0) {
                    return difference;
                }
            }
            return lengthA - lengthB;
        }
        return name(a).compareTo(name(b));
    }

    private int nameLength(int member) {
        return spans[member * 4 + 1] - spans[member * 4] - 2;
    }

    private String name(int member) {
        String name = names[member];
        return name != null ? name
                : new String(in, spans[member * 4 + 3], nameLength(member), StandardCharsets.ISO_8859_1);
    }

    /** What {@link #string} returns for a plain ASCII name, compared by its bytes. */
    private static final String PLAIN = new String("plain");

    /**
     * Reads a string from its opening quote. Returns null when it is not valid, else for a name its decoded text
     * ({@link #PLAIN} when it is printable ASCII with no escape), for a value any non-null.
     */
    private String string(boolean isName) {
        int start = at;
        int i = at + 1;
        boolean ascii = true;
        while (i < end) {
            int c = in[i] & 0xFF;
            if (PRINTABLE[c]) {
                i++;
                continue;
            }
            if (c == '"') {
                break;
            }
            if (c < 0x80) {
                return decoded(start, isName); // an escape, or a control character it refuses
            }
            int length = shortestUtf8(i);
            if (length == 0) {
                return decoded(start, isName);
            }
            ascii = false;
            i += length;
        }
        if (i >= end) {
            return null;
        }
        at = i + 1;
        if (isName && at - start - 2 > MAX_NAME_BYTES) {
            return null;
        }
        if (!isName || ascii) {
            return PLAIN;
        }
        return new String(in, start + 1, at - start - 2, StandardCharsets.UTF_8);
    }

    /**
     * The length of the UTF-8 sequence at {@code i} when it is a character in its shortest form (which reads back to
     * the same bytes), else 0.
     */
    private int shortestUtf8(int i) {
        int lead = in[i] & 0xFF;
        int length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
        if (length == 0 || i + length > end) {
            return 0;
        }
        int second = in[i + 1] & 0xFF;
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((in[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    /** A string with escapes or UTF-8 in another form: decoded as Jackson decoded it, then written canonically. */
    private String decoded(int start, boolean isName) {
        at = start;
        flush();
        at++;
        if (units == null) {
            units = new char[64];
        }
        int length = 0;
        int nameBytes = 0;
        for (;;) {
            if (at == end) {
                return null;
            }
            int c = in[at] & 0xFF;
            if (c == '"') {
                at++;
                break;
            }
            if (length + 2 > units.length) {
                units = Arrays.copyOf(units, units.length * 2);
            }
            if (c == '\\') {
                int unit = escape();
                if (unit < 0) {
                    return null;
                }
                if (isName && unit >= 0xD800 && unit < 0xE000) {
                    // a name may hold a surrogate only as an escaped pair
                    int low = unit < 0xDC00 && at + 1 < end && in[at] == '\\' && in[at + 1] == 'u' ? escape() : -1;
                    if (low < 0xDC00 || low >= 0xE000) {
                        return null;
                    }
                    units[length++] = (char) unit;
                    units[length++] = (char) low;
                    nameBytes += 4;
                    continue;
                }
                units[length++] = (char) unit;
                nameBytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
            } else if (c < 0x20) {
                return null;
            } else if (c < 0x80) {
                units[length++] = (char) c;
                nameBytes++;
                at++;
            } else {
                int followers = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
                if (followers < 0 || at + followers >= end) {
                    return null;
                }
                int code = c & (0x3F >> followers);
                for (int k = 1; k <= followers; k++) {
                    int follower = in[at + k] & 0xFF;
                    if ((follower & 0xC0) != 0x80) {
                        return null;
                    }
                    code = code << 6 | (follower & 0x3F);
                }
                if (followers == 3) {
                    // Jackson's arithmetic, also for codes under U+10000 or past U+10FFFF (names add, values or)
                    code -= 0x10000;
                    units[length++] = (char) (isName ? 0xD800 + (code >> 10) : 0xD800 | (code >> 10));
                    units[length++] = (char) (0xDC00 | (code & 0x3FF));
                } else {
                    if (followers == 2 && code >= 0xD800 && code < 0xE000) {
                        return null; // Jackson refuses a surrogate encoded in UTF-8
                    }
                    units[length++] = (char) code;
                }
                nameBytes += followers + 1;
                at += followers + 1;
            }
        }
        if (isName && nameBytes > MAX_NAME_BYTES) {
            return null;
        }
        quote(units, length);
        pending = at;
        return isName ? new String(units, 0, length) : PLAIN;
    }

    /** An escape from its backslash: the UTF-16 unit it stands for, or -1 when it is not valid. */
    private int escape() {
        if (at + 1 >= end) {
            return -1;
        }
        byte c = in[at + 1];
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
                if (at + 4 > end) {
                    return -1;
                }
                int unit = 0;
                for (int k = 0; k < 4; k++) {
                    int digit = Character.digit(in[at++], 16);
                    if (digit < 0) {
                        return -1;
                    }
                    unit = unit << 4 | digit;
                }
                return unit;
            default:
                return -1;
        }
    }

    /**
     * Writes {@code units} quoted with the escapes Jackson's encoder writes, as UTF-8; an unpaired surrogate as U+FFFD,
     * since Go's decoder reads it so and OPA cannot tell them apart.
     */
    private void quote(char[] text, int length) {
        write((byte) '"');
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    write((byte) '\\');
                }
                write((byte) c);
            } else if (c < 0x20) {
                escapeControl(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
                utf8(Character.toCodePoint(c, text[++i]));
            } else {
                utf8(Character.isSurrogate(c) ? 0xFFFD : c);
            }
        }
        write((byte) '"');
    }

    private void escapeControl(char c) {
        write((byte) '\\');
        switch (c) {
            case '\b' -> write((byte) 'b');
            case '\t' -> write((byte) 't');
            case '\n' -> write((byte) 'n');
            case '\f' -> write((byte) 'f');
            case '\r' -> write((byte) 'r');
            default -> {
                write((byte) 'u');
                write((byte) '0');
                write((byte) '0');
                write(HEX[c >> 4]);
                write(HEX[c & 0xF]);
            }
        }
    }

    private void utf8(int code) {
        if (code < 0x800) {
            write((byte) (0xC0 | code >> 6));
        } else if (code < 0x10000) {
            write((byte) (0xE0 | code >> 12));
            write((byte) (0x80 | (code >> 6 & 0x3F)));
        } else {
            write((byte) (0xF0 | code >> 18));
            write((byte) (0x80 | (code >> 12 & 0x3F)));
            write((byte) (0x80 | (code >> 6 & 0x3F)));
        }
        write((byte) (0x80 | (code & 0x3F)));
    }

    /** A number, {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, copied as written. */
    private boolean number(boolean root) {
        if (in[at] == '-') {
            at++;
        }
        if (at < end && in[at] == '0') {
            at++;
            if (at < end && isDigit(in[at])) {
                return false;
            }
        } else if (digits() == 0) {
            return false;
        }
        if (at < end && in[at] == '.') {
            at++;
            if (digits() == 0) {
                return false;
            }
        }
        if (at < end && (in[at] == 'e' || in[at] == 'E')) {
            at++;
            if (at < end && (in[at] == '+' || in[at] == '-')) {
                at++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        return !root || at == end || isWhitespace(in[at]);
    }

    private int digits() {
        int from = at;
        while (at < end && isDigit(in[at])) {
            at++;
        }
        return at - from;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private boolean literal(String word) {
        int length = word.length();
        if (at + length > end) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (in[at + k] != word.charAt(k)) {
                return false;
            }
        }
        at += length;
        return true;
    }

    /** Skips whitespace, which ends the input copied as it is. */
    private void whitespace() {
        if (at < end && isWhitespace(in[at])) {
            flush();
            do {
                at++;
            } while (at < end && isWhitespace(in[at]));
            pending = at;
        }
    }

    /** Copies the input read since {@code pending} to the output. */
    private void flush() {
        if (at > pending) {
            write(in, pending, at - pending);
        }
        pending = at;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private void write(byte b) {
        room(1);
        out[size++] = b;
    }

    private void write(byte[] bytes, int from, int length) {
        room(length);
        System.arraycopy(bytes, from, out, size, length);
        size += length;
    }

    private void room(int length) {
        if (out == null) {
            out = new byte[Math.max(16, Math.max(length, end))];
        } else if (size + length > out.length) {
            out = Arrays.copyOf(out, Math.max(size + length, size * 2));
        }
    }
}
