package io.sark.opa.engine;

import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lays out a JSON value as values of this project's wasm runtime library, for a given address of linear memory, so
 * that a module of this pipeline evaluates its input without parsing text (compiler/wasm-runtime/CONTRACT.md, "Input
 * values built by the host"). The layout is the one the library's own one-pass parse builds: strings with their
 * bytes decoded and their hash cached, containers sized exactly with their elements in the same block, object entries
 * in OPA's order (a repeated member name keeps its last value, as the library's parse does) with a hash index from
 * {@value #INDEX_MIN} entries, numbers that are integers within 18 digits as int64 and any other number as its text.
 *
 * <p>The text must be one valid JSON value: the host's scan ({@link InputScanner}) checked it. Reused by one instance,
 * so not thread-safe.
 */
final class RuntimeValueWriter {

    // value types and flags, compiler/wasm-runtime/src/opa.h
    private static final int NULL = 1;
    private static final int BOOLEAN = 2;
    private static final int NUMBER = 3;
    private static final int STRING = 4;
    private static final int ARRAY = 5;
    private static final int OBJECT = 6;
    private static final int F_REF = 4;
    private static final int F_STATIC = 8;
    private static final int F_HASHED = 16;
    private static final int F_INLINE = 32;
    /** value.c: objects of this many entries or more have a hash index. */
    static final int INDEX_MIN = 9;
    /** malloc.c: the header word that makes a block one {@code opa_free} accepts (an index may be rebuilt and freed). */
    private static final int BLOCK_MAGIC = 0x6f70;
    // sizes of the library's structs in wasm32
    private static final int STRING_SIZE = 16;
    private static final int NUMBER_SIZE = 16;
    private static final int CONTAINER_SIZE = 28;
    private static final int ENTRY_SIZE = 12;

    private static final int INITIAL_BYTES = 512;
    private static final int RETAINED_BYTES = 16 * 1024;

    private static final int INITIAL_STACK = 64;
    private static final int MEMBER = 5;
    /** Objects up to this many members sort by insertion, larger ones by the JDK's merge sort. */
    private static final int INSERTION_SORT_MAX = 16;

    private byte[] out = new byte[INITIAL_BYTES];
    /** Elements of the arrays and members of the objects being written, innermost last. */
    private int[] stack = new int[INITIAL_STACK];
    /** The member being inserted by {@link #insertionSort}. */
    private final int[] member = new int[MEMBER];
    private int top;
    /** The last string written: where its decoded bytes start in {@link #out}, and its hash. */
    private int stringData;
    private int stringHash;
    private int size;
    private int base;
    private byte[] json;
    private int at;

    /** Lays out {@code json} for address {@code base} (8-byte aligned) and returns the address of its value. */
    int write(byte[] json, int base) {
        Arrays.fill(out, 0, size, (byte) 0); // one fill of the last layout: blocks are then allocated as zeros
        this.json = json;
        this.at = 0;
        this.base = base;
        this.size = 0;
        this.top = 0;
        return value();
    }

    /** Bytes the layout takes from the address {@link #write} was given. */
    int size() {
        return size;
    }

    /** Copies the layout to the address {@link #write} was given; buffers grown large are let go afterwards. */
    void copyTo(Memory memory) {
        memory.write(base, out, 0, size);
        if (out.length > RETAINED_BYTES) {
            out = new byte[INITIAL_BYTES];
            size = 0;
        }
        if (stack.length > RETAINED_BYTES / 4) {
            stack = new int[INITIAL_STACK];
        }
    }

    /** The layout, for tests. */
    byte[] bytes() {
        return Arrays.copyOf(out, size);
    }

    private int value() {
        whitespace();
        switch (json[at]) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                at += 4;
                return bool(1);
            case 'f':
                at += 5;
                return bool(0);
            case 'n':
                at += 4;
                return header(allocate(8), NULL, F_STATIC);
            default:
                return number();
        }
    }

    private int bool(int value) {
        int block = allocate(8);
        putInt(block + 4, value);
        return header(block, BOOLEAN, F_STATIC);
    }

    private int number() {
        int start = at;
        boolean integer = true;
        while (at < json.length && isNumberByte(json[at])) {
            integer &= json[at] >= '0' && json[at] <= '9' || at == start && json[at] == '-';
            at++;
        }
        int length = at - start;
        int digits = json[start] == '-' ? length - 1 : length;
        int block = allocate(NUMBER_SIZE);
        // value.c opa_number_ref: an integer literal of up to 18 digits is an int64 (but "-0" keeps its text)
        if (integer && digits <= 18 && !(digits == 1 && json[start] == '-' && json[start + 1] == '0')) {
            putLong(block + 8, Long.parseLong(new String(json, start, length, StandardCharsets.US_ASCII)));
            return header(block, NUMBER, 0);
        }
        int text = allocate(length);
        System.arraycopy(json, start, out, text, length);
        putInt(block + 4, length);
        putInt(block + 8, base + text);
        return header(block, NUMBER, F_REF);
    }

    private static boolean isNumberByte(byte b) {
        return b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    /** Writes the string at {@code at}; its decoded bytes and hash are then in {@link #stringData} and {@link #stringHash}. */
    private int string() {
        at++; // "
        int block = allocate(STRING_SIZE + rawLength());
        int data = block + STRING_SIZE;
        int n = 0;
        while (json[at] != '"') {
            byte b = json[at];
            if (b != '\\') {
                out[data + n++] = b;
                at++;
                continue;
            }
            byte escaped = json[at + 1];
            at += 2;
            switch (escaped) {
                case 'b': out[data + n++] = '\b'; break;
                case 'f': out[data + n++] = '\f'; break;
                case 'n': out[data + n++] = '\n'; break;
                case 'r': out[data + n++] = '\r'; break;
                case 't': out[data + n++] = '\t'; break;
                case 'u': n += putUtf8(data + n, codePoint()); break;
                default: out[data + n++] = escaped; // " \ /
            }
        }
        at++; // "
        size = data + n; // the block was sized for the raw text; decoding only shortens it
        stringData = data;
        stringHash = fnv1a(out, data, n);
        putInt(block + 4, n);
        putInt(block + 8, base + data);
        putInt(block + 12, stringHash);
        return header(block, STRING, F_HASHED);
    }

    /** Bytes up to the closing quote, escapes included: room enough for the decoded string. */
    private int rawLength() {
        int i = at;
        while (json[i] != '"') {
            i += json[i] == '\\' ? 2 : 1;
        }
        return i - at;
    }

    /** After {@code \}{@code u}: a code point, a surrogate pair read as one, a lone surrogate as U+FFFD (json_parse.c). */
    private int codePoint() {
        int unit = JsonText.hex4(json, at);
        at += 4;
        if (unit >= 0xD800 && unit < 0xDC00) {
            int low = at + 6 <= json.length && json[at] == '\\' && json[at + 1] == 'u' ? JsonText.hex4(json, at + 2) : -1;
            if (low >= 0xDC00 && low < 0xE000) {
                at += 6;
                return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
            return 0xFFFD;
        }
        return unit >= 0xDC00 && unit < 0xE000 ? 0xFFFD : unit;
    }

    private int putUtf8(int to, int cp) {
        if (cp < 0x80) {
            out[to] = (byte) cp;
            return 1;
        }
        if (cp < 0x800) {
            out[to] = (byte) (0xC0 | cp >> 6);
            out[to + 1] = (byte) (0x80 | cp & 0x3F);
            return 2;
        }
        if (cp < 0x10000) {
            out[to] = (byte) (0xE0 | cp >> 12);
            out[to + 1] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[to + 2] = (byte) (0x80 | cp & 0x3F);
            return 3;
        }
        out[to] = (byte) (0xF0 | cp >> 18);
        out[to + 1] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[to + 2] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[to + 3] = (byte) (0x80 | cp & 0x3F);
        return 4;
    }

    /** compare.c opa_string_hash: 32-bit FNV-1a. */
    static int fnv1a(byte[] bytes, int from, int length) {
        int h = 0x811C9DC5;
        for (int i = from; i < from + length; i++) {
            h ^= bytes[i] & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    private int array() {
        at++; // [
        int first = top;
        whitespace();
        if (json[at] == ']') {
            at++;
        } else {
            do {
                push(value());
                whitespace();
            } while (json[at++] == ','); // else ']'
        }
        int n = top - first;
        int block = allocate(CONTAINER_SIZE + 4 * n);
        putInt(block + 4, n);
        putInt(block + 8, n);
        putInt(block + 12, base + block + CONTAINER_SIZE);
        for (int i = 0; i < n; i++) {
            putInt(block + CONTAINER_SIZE + 4 * i, stack[first + i]);
        }
        top = first;
        return header(block, ARRAY, F_INLINE);
    }

    /**
     * Members go on the stack as {@value #MEMBER} ints: offset and length of the decoded name in {@link #out}, the
     * name's address and hash, the value's address.
     */
    private int object() {
        at++; // {
        int first = top;
        whitespace();
        if (json[at] == '}') {
            at++;
        } else {
            do {
                whitespace();
                int name = string();
                push(stringData);
                push(size - stringData);
                push(name);
                push(stringHash);
                whitespace();
                at++; // :
                push(value());
                whitespace();
            } while (json[at++] == ','); // else '}'
        }
        int n = sortAndMerge(first, (top - first) / MEMBER);
        int block = allocate(CONTAINER_SIZE + ENTRY_SIZE * n);
        int entries = block + CONTAINER_SIZE;
        putInt(block + 4, n);
        putInt(block + 8, n);
        putInt(block + 12, base + entries);
        for (int i = 0; i < n; i++) {
            int m = first + MEMBER * i;
            putInt(entries + ENTRY_SIZE * i, stack[m + 2]);
            putInt(entries + ENTRY_SIZE * i + 4, stack[m + 4]);
            putInt(entries + ENTRY_SIZE * i + 8, stack[m + 3]);
        }
        if (n >= INDEX_MIN) {
            index(block, first, n);
        }
        top = first;
        return header(block, OBJECT, F_INLINE);
    }

    /**
     * Sorts the members from {@code first} into OPA's order (names byte by byte, stably, so a repeated name's members
     * stay in text order), then keeps one member per name: the first one's name, the last one's value, as the
     * library's parse does. Returns how many are left.
     */
    private int sortAndMerge(int first, int count) {
        if (count <= INSERTION_SORT_MAX) {
            insertionSort(first, count);
        } else {
            mergeSort(first, count);
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            int m = first + MEMBER * i;
            if (n > 0 && compareNames(stack, first + MEMBER * (n - 1), stack, m) == 0) {
                stack[first + MEMBER * (n - 1) + 4] = stack[m + 4];
            } else {
                System.arraycopy(stack, m, stack, first + MEMBER * n++, MEMBER);
            }
        }
        return n;
    }

    private void insertionSort(int first, int count) {
        for (int i = 1; i < count; i++) {
            int j = i;
            System.arraycopy(stack, first + MEMBER * i, member, 0, MEMBER);
            while (j > 0 && compareNames(stack, first + MEMBER * (j - 1), member, 0) > 0) {
                System.arraycopy(stack, first + MEMBER * (j - 1), stack, first + MEMBER * j, MEMBER);
                j--;
            }
            System.arraycopy(member, 0, stack, first + MEMBER * j, MEMBER);
        }
    }

    /** A large object: the JDK's stable sort over member numbers, then the members moved into that order. */
    private void mergeSort(int first, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compareNames(stack, first + MEMBER * a, stack, first + MEMBER * b));
        int[] sorted = new int[MEMBER * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(stack, first + MEMBER * order[i], sorted, MEMBER * i, MEMBER);
        }
        System.arraycopy(sorted, 0, stack, first, sorted.length);
    }

    private int compareNames(int[] a, int am, int[] b, int bm) {
        return Arrays.compareUnsigned(out, a[am], a[am] + a[am + 1], out, b[bm], b[bm] + b[bm + 1]);
    }

    private void push(int value) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = value;
    }

    /** value.c opa_collection_of: open addressing, at most half full, entry numbers, -1 where free. */
    private void index(int block, int first, int n) {
        int slots = 16;
        while (slots * 2 < n * 4) {
            slots <<= 1;
        }
        int header = allocate(8 + 4 * slots);
        putInt(header, 4 * slots);
        putInt(header + 4, BLOCK_MAGIC);
        int index = header + 8;
        Arrays.fill(out, index, index + 4 * slots, (byte) 0xFF);
        int mask = slots - 1;
        for (int i = 0; i < n; i++) {
            int slot = stack[first + MEMBER * i + 3] & mask;
            while (getInt(index + 4 * slot) >= 0) {
                slot = (slot + 1) & mask;
            }
            putInt(index + 4 * slot, i);
        }
        putInt(block + 16, base + index);
        putInt(block + 20, slots);
    }

    private void whitespace() {
        while (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t') {
            at++;
        }
    }

    /** An 8-byte aligned block of zeros, as an offset into {@link #out} (zero past {@link #size}, see {@link #write}). */
    private int allocate(int bytes) {
        int block = (size + 7) & ~7;
        int end = block + bytes;
        if (end > out.length) {
            out = Arrays.copyOf(out, Math.max(end, out.length * 2));
        }
        size = end;
        return block;
    }

    /** Writes a value's type and flags at the start of its block; returns its address. */
    private int header(int block, int type, int flags) {
        out[block] = (byte) type;
        out[block + 1] = (byte) flags;
        return base + block;
    }

    private void putInt(int at, int value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) (value >>> 16);
        out[at + 3] = (byte) (value >>> 24);
    }

    private int getInt(int at) {
        return out[at] & 0xFF | (out[at + 1] & 0xFF) << 8 | (out[at + 2] & 0xFF) << 16 | out[at + 3] << 24;
    }

    private void putLong(int at, long value) {
        putInt(at, (int) value);
        putInt(at + 4, (int) (value >>> 32));
    }
}
