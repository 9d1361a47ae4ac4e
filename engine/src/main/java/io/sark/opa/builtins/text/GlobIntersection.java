package io.sark.opa.builtins.text;

import io.sark.opa.engine.BuiltinException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code regex.globs_match}: whether two glob-like patterns can match a common string. As OPA documents, only
 * {@code .}, {@code *}, {@code +}, {@code [}, {@code -}, {@code ]} and {@code \} are special. Each pattern is a
 * sequence of character sets, each taken once, any number of times ({@code *}) or at least once
 * ({@code +}); the patterns intersect when the pair of sequences can be walked to both ends together.
 */
final class GlobIntersection {
    private GlobIntersection() {}

    /** A character set: any character, one character, or a bracket class of ranges. */
    private record CharSet(boolean any, List<int[]> ranges) {

        boolean contains(int c) {
            if (any) {
                return true;
            }
            for (int[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        boolean overlaps(CharSet other) {
            if (any && other.any) {
                return true;
            }
            Set<Integer> candidates = new HashSet<>(List.of(0, 'a' + 0, '0' + 0, 0x10FFFF));
            for (CharSet s : List.of(this, other)) {
                for (int[] r : s.ranges) {
                    for (int c : new int[] {r[0] - 1, r[0], r[1], r[1] + 1}) {
                        if (c >= 0 && c <= 0x10FFFF) {
                            candidates.add(c);
                        }
                    }
                }
            }
            for (int c : candidates) {
                if (contains(c) && other.contains(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A set and whether it may repeat (*): a "+" becomes the set once followed by the set repeated. */
    private record Token(CharSet set, boolean star) {}

    static boolean intersect(String name, String a, String b) {
        List<Token> x = tokens(name, a);
        List<Token> y = tokens(name, b);
        Deque<int[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] state = queue.poll();
            int i = state[0];
            int j = state[1];
            if (!seen.add(((long) i << 32) | j)) {
                continue;
            }
            if (i == x.size() && j == y.size()) {
                return true;
            }
            if (i < x.size() && x.get(i).star()) {
                queue.add(new int[] {i + 1, j});
            }
            if (j < y.size() && y.get(j).star()) {
                queue.add(new int[] {i, j + 1});
            }
            if (i < x.size() && j < y.size() && x.get(i).set().overlaps(y.get(j).set())) {
                queue.add(new int[] {x.get(i).star() ? i : i + 1, y.get(j).star() ? j : j + 1});
            }
        }
        return false;
    }

    /**
     * Reads a pattern as OPA's glob-intersection library (v0.2.0, tokenize.go) does: positions count code points,
     * {@code ^} in a class is an ordinary character, a class range must be in order, and a set's {@code -} needs a
     * character on both sides.
     */
    private static List<Token> tokens(String name, String pattern) {
        Reader in = new Reader(name, pattern);
        List<Token> out = new ArrayList<>();
        while (in.pos < in.runes.length) {
            boolean escaped = in.runes[in.pos] == '\\';
            int c = in.next();
            CharSet set;
            if (!escaped && c == '.') {
                set = new CharSet(true, List.of());
            } else if (!escaped && c == '[') {
                set = in.set();
            } else if (!escaped && c == ']') {
                throw in.invalid(in.pos, "set-close ']' with no preceding '['");
            } else if (!escaped && (c == '*' || c == '+')) {
                throw in.invalid(in.pos, "flag '" + Character.toString(c) + "' must be preceded by a non-flag");
            } else {
                set = new CharSet(false, List.<int[]>of(new int[] {c, c}));
            }
            int flag = in.pos < in.runes.length ? in.runes[in.pos] : -1;
            if (flag == '*') {
                out.add(new Token(set, true));
                in.pos++;
            } else if (flag == '+') {
                out.add(new Token(set, false));
                out.add(new Token(set, true));
                in.pos++;
            } else {
                out.add(new Token(set, false));
            }
        }
        return out;
    }

    /** A cursor over a pattern's code points, raising the library's "invalid input" errors. */
    private static final class Reader {
        final String name;
        final String pattern;
        final int[] runes;
        int pos;

        Reader(String name, String pattern) {
            this.name = name;
            this.pattern = pattern;
            this.runes = pattern.codePoints().toArray();
        }

        /** The next character, unescaping a backslash. */
        int next() {
            if (runes[pos] == '\\') {
                if (pos == runes.length - 1) {
                    throw invalid(pos, "input ends with a \\ (escape) character");
                }
                pos += 2;
                return runes[pos - 1];
            }
            return runes[pos++];
        }

        /** The rest of a bracket class, after its {@code [}. */
        CharSet set() {
            List<int[]> ranges = new ArrayList<>();
            int prev = -1;
            while (pos < runes.length) {
                boolean escaped = runes[pos] == '\\';
                int c = next();
                if (escaped || (c != '-' && c != ']')) {
                    ranges.add(new int[] {c, c});
                    prev = c;
                } else if (c == ']') {
                    return new CharSet(false, ranges);
                } else {
                    if (prev < 0) {
                        throw invalid(pos, "range character '-' must be preceded by a Unicode character");
                    }
                    if (pos >= runes.length - 1) {
                        throw invalid(pos, "range character '-' must be followed by a Unicode character");
                    }
                    boolean endEscaped = runes[pos] == '\\';
                    int hi = next();
                    if (!endEscaped && (hi == ']' || hi == '-')) {
                        throw invalid(pos, "range character '-' cannot be followed by a special symbol");
                    }
                    if (hi < prev) {
                        throw invalid(pos, "range is out of order: '" + Character.toString(hi) + "' comes before '"
                                + Character.toString(prev) + "' in Unicode");
                    }
                    ranges.add(new int[] {prev, hi});
                    prev = -1;
                }
            }
            throw invalid(pos, "found [ without matching ]");
        }

        /** The library's message: it names the input and the code point position, wrapping ErrInvalidInput. */
        BuiltinException invalid(int at, String what) {
            return new BuiltinException(name + ": input:" + pattern + ", pos:" + at + ", " + what
                    + ": the input provided is invalid");
        }
    }
}
