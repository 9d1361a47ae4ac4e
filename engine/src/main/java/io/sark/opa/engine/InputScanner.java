package io.sark.opa.engine;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
 *
 * <p>Most of a text is usually read by nothing, or copied whole: {@link #passive} checks such a value in one tight
 * loop with no projection in it, and strings are searched with a table, long ones 8 bytes at a time ({@link #plain}).
 * Only objects read in part go through {@link #partialObject}, which recurses only as deep as the paths read.
 */
final class InputScanner {

    /** Longest member name, in bytes of UTF-8 once unescaped: Jackson's default name limit, kept as it was. */
    static final int MAX_NAME_BYTES = 50_000;

    /** Reads 8 bytes of the text as one long, the first byte lowest. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Whether a string holds each byte as it is: not a quote, a backslash, a control character nor from 0x80. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private static final byte[] TRUE = { 't', 'r', 'u', 'e' };
    private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };
    private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

    private final byte[] json;
    private final int maxDepth;
    private final int maxExponentDigits;

    /** Whether each open container is an object, by depth below a passive value, past the first 64 (kept in a long). */
    private boolean[] deepKinds;
    /** The member name {@link #name} read last, decoded, when it has escapes or bytes beyond ASCII (else unset). */
    private String decodedName;

    /** The projection being written (its first {@code size} bytes), or null when only checking. */
    private byte[] out;
    private int size;

    /** The outcome: the projection (or the text itself when nothing narrower was asked), or what is wrong. */
    record Result(byte[] json, JsonText.Problem problem) {}

    private InputScanner(byte[] json, int maxDepth, int maxExponentDigits) {
        this.json = json;
        this.maxDepth = maxDepth;
        this.maxExponentDigits = maxExponentDigits;
    }

    /**
     * Checks {@code json} against strict JSON, nesting at most {@code maxDepth} and exponents of at most
     * {@code maxExponentDigits} digits; keeps only what {@code reads} names, when not null nor whole.
     */
    static Result scan(byte[] json, int maxDepth, int maxExponentDigits, InputPaths.Node reads) {
        InputScanner scanner = new InputScanner(json, maxDepth, maxExponentDigits);
        boolean project = reads != null && !reads.whole();
        try {
            int at = scanner.start();
            if (project) {
                scanner.out = new byte[Math.max(16, Math.min(json.length, 256))];
                at = scanner.value(at, reads, 0);
            } else {
                at = scanner.passive(at, 0);
            }
            scanner.afterRoot(at);
        } catch (Failure e) {
            return new Result(null, e.problem);
        }
        return new Result(project ? Arrays.copyOf(scanner.out, scanner.size) : json, null);
    }

    private static final class Failure extends RuntimeException {
        final transient JsonText.Problem problem;

        Failure(JsonText.Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    /** Where the root value starts, past a byte order mark and whitespace. */
    private int start() {
        if (json.length >= 2 && (json[0] == 0 || json[1] == 0)) {
            throw syntax("the text is not UTF-8 (a NUL byte at its start)", json[0] == 0 ? 0 : 1);
        }
        int at = 0;
        if (json.length >= 4 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB && (json[2] & 0xFF) == 0xBF) {
            at = 3; // a UTF-8 byte order mark, which Jackson skipped
        }
        at = whitespace(at);
        if (at == json.length) {
            throw new Failure(new JsonText.Problem("it is empty", false));
        }
        return at;
    }

    /** After the root value only whitespace may follow. */
    private void afterRoot(int at) {
        at = whitespace(at);
        if (at == json.length) {
            return;
        }
        byte c = json[at];
        if (c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
                || c == 'n') {
            throw new Failure(new JsonText.Problem("more than one JSON value", false));
        }
        throw syntax("expected the end of the text but found " + found(at), at);
    }

    /**
     * Projects the value at {@code at} (whitespace skipped) inside {@code depth} containers as {@code node} says:
     * an object read in part member by member, an array read in part as {@code []}, anything else copied.
     */
    private int value(int at, InputPaths.Node node, int depth) {
        byte c = at < json.length ? json[at] : 0;
        if (!node.whole() && c == '{') {
            return partialObject(at, node, depth);
        }
        int start = at;
        at = passive(at, depth);
        if (!node.whole() && c == '[') {
            write('[');
            write(']');
        } else {
            write(json, start, at - start);
        }
        return at;
    }

    /** The object at {@code at} with the members {@code node} names written; returns where it ends. */
    private int partialObject(int at, InputPaths.Node node, int depth) {
        if (++depth > maxDepth) {
            throw tooDeep();
        }
        write('{');
        at = whitespace(at + 1);
        if (at < json.length && json[at] == '}') {
            write('}');
            return at + 1;
        }
        boolean written = false;
        for (;;) {
            int nameStart = at + 1;
            decodedName = null;
            int nameEnd = name(at);
            String decoded = decodedName;
            at = colon(nameEnd + 1);
            InputPaths.Node child = decoded != null ? node.children().get(decoded)
                    : node.child(json, nameStart, nameEnd); // plain ASCII: compared as it is written
            if (child == null) {
                at = passive(at, depth);
            } else {
                if (written) {
                    write(',');
                }
                written = true;
                writeName(nameStart, nameEnd, decoded);
                at = value(at, child, depth);
            }
            at = whitespace(at);
            byte c = at < json.length ? json[at] : 0;
            if (c == ',') {
                at = whitespace(at + 1);
            } else if (c == '}') {
                write('}');
                return at + 1;
            } else {
                throw commaOrClose(at, true);
            }
        }
    }

    /**
     * Checks the value at {@code at} (whitespace skipped) inside {@code depth} containers, which nothing projects;
     * returns where it ends. Containers are entered and left in this loop, without recursion.
     */
    private int passive(int at, int depth) {
        final byte[] text = json;
        final int base = depth;
        long kinds = 0; // bit k: whether the container k + 1 levels below the value is an object
        boolean object = false; // whether the innermost open container is an object
        for (;;) {
            if (at >= text.length) {
                throw syntax("unexpected end of input where a value should be", at);
            }
            byte c = text[at];
            if (c == '"') {
                at = string(at);
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    throw tooDeep();
                }
                object = c == '{';
                int level = depth - base - 1;
                if (level < 64) {
                    kinds = object ? kinds | 1L << level : kinds & ~(1L << level);
                } else {
                    deepKind(level, object);
                }
                at = whitespace(at + 1);
                if (at >= text.length || text[at] != (object ? '}' : ']')) {
                    if (object) {
                        at = colon(name(at) + 1);
                    }
                    continue; // the first member's value or the first element
                }
                at++;
                depth--;
                object = depth > base && kind(kinds, depth - base - 1);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                at = number(at, depth);
            } else if (c == 't') {
                at = literal(at, TRUE);
            } else if (c == 'f') {
                at = literal(at, FALSE);
            } else if (c == 'n') {
                at = literal(at, NULL);
            } else {
                throw syntax("expected a value but found " + found(at), at);
            }
            // after a value: commas and closing brackets until the next value starts, or this value is done
            for (;;) {
                if (depth == base) {
                    return at;
                }
                at = whitespace(at);
                c = at < text.length ? text[at] : 0;
                if (c == ',') {
                    at = whitespace(at + 1);
                    if (object) {
                        at = colon(name(at) + 1);
                    }
                    break;
                }
                if (c != (object ? '}' : ']')) {
                    throw commaOrClose(at, object);
                }
                at++;
                depth--;
                object = depth > base && kind(kinds, depth - base - 1);
            }
        }
    }

    private boolean kind(long kinds, int level) {
        return level < 64 ? (kinds >>> level & 1) != 0 : deepKinds[level];
    }

    private void deepKind(int level, boolean object) {
        if (deepKinds == null || level >= deepKinds.length) {
            deepKinds = Arrays.copyOf(deepKinds == null ? new boolean[0] : deepKinds, Math.max(128, level * 2));
        }
        deepKinds[level] = object;
    }

    private Failure tooDeep() {
        return new Failure(new JsonText.Problem("it nests arrays and objects more than " + maxDepth + " deep", true));
    }

    private Failure commaOrClose(int at, boolean object) {
        return syntax("expected ',' or '" + (object ? '}' : ']') + "' but found " + found(at), at);
    }

    /**
     * The member name whose opening quote should be at {@code at}: checked, and decoded into {@link #decodedName}
     * when it is not plain ASCII (left as it was when it is). Returns where its closing quote is.
     */
    private int name(int at) {
        if (at >= json.length || json[at] != '"') {
            throw syntax("expected a member name in double quotes but found " + found(at), at);
        }
        int start = at + 1;
        at = plain(start);
        if (at < json.length && json[at] == '"') {
            if (at - start > MAX_NAME_BYTES) {
                throw nameTooLong(start);
            }
            return at;
        }
        return decodeName(start, at);
    }

    /** The colon after a member name from {@code at}; returns where the value starts, whitespace skipped. */
    private int colon(int at) {
        if (at < json.length && json[at] != ':') {
            at = whitespace(at);
        }
        if (at >= json.length || json[at] != ':') {
            throw syntax("expected ':' after a member name but found " + found(at), at);
        }
        return whitespace(at + 1);
    }

    private void writeName(int start, int nameEnd, String decoded) {
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

    /**
     * The rest of a member name from {@code at}, which started at {@code start}, with escapes or bytes beyond ASCII:
     * checked as Jackson checked names and decoded as it decoded them (UTF-8 without overlong checks) into
     * {@link #decodedName}. Returns where the closing quote is.
     */
    private int decodeName(int start, int at) {
        StringBuilder name = new StringBuilder();
        name.append(new String(json, start, at - start, StandardCharsets.ISO_8859_1));
        int bytes = at - start;
        for (;;) {
            if (at == json.length) {
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
                int unit = escape(at);
                at += escapeLength(at);
                if (unit >= 0xD800 && unit < 0xDC00) {
                    int low = -1;
                    if (at + 1 < json.length && json[at] == '\\' && json[at + 1] == 'u') {
                        low = escape(at);
                        at += 6;
                    }
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
        decodedName = name.toString();
        return at;
    }

    private Failure nameTooLong(int start) {
        return syntax("a member name is longer than " + MAX_NAME_BYTES + " bytes", start - 1);
    }

    /** A string value from its opening quote at {@code at}; returns where it ends, after the closing quote. */
    private int string(int at) {
        at++;
        for (;;) {
            at = plain(at);
            if (at >= json.length) {
                throw syntax("unexpected end of input in a string", at);
            }
            byte c = json[at];
            if (c == '"') {
                return at + 1;
            }
            if (c == '\\') {
                escape(at);
                at += escapeLength(at);
            } else if (c < 0) {
                at += utf8Followers(c & 0xFF, at) + 1;
            } else {
                throw syntax("a control character (" + hex(c) + ") in a string must be escaped", at);
            }
        }
    }

    /**
     * The first position from {@code at} whose byte a string cannot hold as it is: a quote, a backslash, a control
     * character or a byte from 0x80; the length of the text when there is none.
     */
    private int plain(int at) {
        final byte[] text = json;
        // most names and many values are short: byte by byte first, where reading words would cost more than it saves
        for (int stop = Math.min(at + 16, text.length); at < stop; at++) {
            if (!PLAIN[text[at] & 0xFF]) {
                return at;
            }
        }
        return at < text.length ? plainWords(at) : at;
    }

    /** {@link #plain} over a longer run: eight bytes at a time while eight remain, then byte by byte. */
    private int plainWords(int at) {
        final byte[] text = json;
        for (; at <= text.length - 8; at += 8) {
            long word = (long) WORD.get(text, at);
            long quote = word ^ 0x2222222222222222L;
            long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
            // high bit of a byte set where it is zero after the xor, below 0x20, or from 0x80; a borrow can only set
            // bits above a byte that matched, so the lowest bit set marks the first such byte
            long found = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (word - 0x2020202020202020L)
                    | word) & HIGH_BITS;
            if (found != 0) {
                return at + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; at < text.length; at++) {
            if (!PLAIN[text[at] & 0xFF]) {
                return at;
            }
        }
        return at;
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
            if (from + k == json.length) {
                throw syntax("unexpected end of input in a UTF-8 sequence", from + k);
            }
            if ((json[from + k] & 0xC0) != 0x80) {
                throw syntax("invalid UTF-8 middle byte " + hex(json[from + k] & 0xFF), from + k);
            }
        }
        return followers;
    }

    /** The length of the escape at {@code at}, once {@link #escape} has checked it. */
    private int escapeLength(int at) {
        return json[at + 1] == 'u' ? 6 : 2;
    }

    /** Checks the escape whose backslash is at {@code from}; returns the UTF-16 unit it stands for. */
    private int escape(int from) {
        if (from + 1 >= json.length) {
            throw syntax("unexpected end of input in an escape", json.length);
        }
        byte c = json[from + 1];
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
                for (int at = from + 2; at < from + 6; at++) {
                    int digit = at < json.length ? hexDigit(json[at]) : -1;
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

    /**
     * A number from {@code at} inside {@code depth} containers: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)?
     * ([eE] [+-]? [0-9]+)?}, its exponent within the limit. Returns where it ends.
     */
    private int number(int at, int depth) {
        final byte[] text = json;
        int start = at;
        if (text[at] == '-') {
            at++;
        }
        if (at < text.length && text[at] == '0') {
            at++;
            if (at < text.length && isDigit(text[at])) {
                throw syntax("a number has a leading zero", start);
            }
        } else {
            int from = at;
            at = digits(at);
            if (at == from) {
                throw syntax("a number needs a digit after '-'", at);
            }
        }
        if (at < text.length && text[at] == '.') {
            int from = ++at;
            at = digits(at);
            if (at == from) {
                throw syntax("a number needs a digit after its decimal point", at);
            }
        }
        int exponent = -1;
        if (at < text.length && (text[at] | 0x20) == 'e') {
            at++;
            if (at < text.length && (text[at] == '+' || text[at] == '-')) {
                at++;
            }
            exponent = at;
            at = digits(at);
            if (at == exponent) {
                throw syntax("a number needs a digit in its exponent", at);
            }
        }
        if (depth == 0 && at < text.length && !isWhitespace(text[at])) {
            throw syntax("expected whitespace after a number at the top level but found " + found(at), at);
        }
        if (exponent >= 0) {
            checkExponent(start, exponent, at);
        }
        return at;
    }

    /** The exponent's digits {@code json[exponent, to)} within the limit, leading zeros not counted. */
    private void checkExponent(int start, int exponent, int to) {
        while (exponent < to - 1 && json[exponent] == '0') {
            exponent++;
        }
        if (to - exponent > maxExponentDigits) {
            throw new Failure(new JsonText.Problem("a number's exponent has more than " + maxExponentDigits
                    + " digits (" + where(start) + ")", true));
        }
    }

    private int digits(int at) {
        while (at < json.length && isDigit(json[at])) {
            at++;
        }
        return at;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private int literal(int at, byte[] word) {
        for (int k = 0; k < word.length; k++, at++) {
            if (at == json.length || json[at] != word[k]) {
                throw syntax("expected '" + new String(word, StandardCharsets.US_ASCII) + "' but found " + found(at),
                        at);
            }
        }
        return at;
    }

    private int whitespace(int at) {
        while (at < json.length) {
            byte c = json[at];
            if (c > ' ' || !isWhitespace(c)) { // most often the first byte is already not whitespace
                return at;
            }
            at++;
        }
        return at;
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
        for (int i = 0; i < position && i < json.length; i++) {
            if (json[i] == '\n' || (json[i] == '\r' && (i + 1 >= json.length || json[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (position - lineStart + 1);
    }

    private String found(int position) {
        if (position >= json.length) {
            return "the end of the text";
        }
        int c = json[position] & 0xFF;
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte " + hex(c);
    }

    private static String hex(int c) {
        return String.format("0x%02X", c & 0xFF);
    }
}
