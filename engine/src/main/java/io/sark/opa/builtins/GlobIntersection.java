package io.sark.opa.builtins;

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
    private record CharSet(boolean any, boolean negated, List<int[]> ranges) {

        boolean contains(int c) {
            if (any) {
                return true;
            }
            boolean inside = false;
            for (int[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    inside = true;
                    break;
                }
            }
            return inside != negated;
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

    private static List<Token> tokens(String name, String pattern) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            CharSet set;
            if (c == '.') {
                set = new CharSet(true, false, List.of());
                i++;
            } else if (c == '[') {
                int end = i + 1;
                boolean negated = end < pattern.length() && pattern.charAt(end) == '^';
                if (negated) {
                    end++;
                }
                List<int[]> ranges = new ArrayList<>();
                while (end < pattern.length() && pattern.charAt(end) != ']') {
                    int lo = pattern.codePointAt(end);
                    if (lo == '\\' && end + 1 < pattern.length()) {
                        end++;
                        lo = pattern.codePointAt(end);
                    }
                    end += Character.charCount(lo);
                    int hi = lo;
                    if (end + 1 < pattern.length() && pattern.charAt(end) == '-' && pattern.charAt(end + 1) != ']') {
                        hi = pattern.codePointAt(end + 1);
                        end += 1 + Character.charCount(hi);
                    }
                    ranges.add(new int[] {Math.min(lo, hi), Math.max(lo, hi)});
                }
                if (end >= pattern.length()) {
                    throw new BuiltinException(name + ": unbalanced '[' in " + pattern);
                }
                set = new CharSet(false, negated, ranges);
                i = end + 1;
            } else if (c == '*' || c == '+' || c == ']') {
                throw new BuiltinException(name + ": unexpected '" + (char) c + "' in " + pattern);
            } else {
                if (c == '\\') {
                    if (i + 1 >= pattern.length()) {
                        throw new BuiltinException(name + ": trailing '\\' in " + pattern);
                    }
                    i++;
                    c = pattern.codePointAt(i);
                }
                set = new CharSet(false, false, List.<int[]>of(new int[] {c, c}));
                i += Character.charCount(c);
            }
            if (i < pattern.length() && pattern.charAt(i) == '*') {
                out.add(new Token(set, true));
                i++;
            } else if (i < pattern.length() && pattern.charAt(i) == '+') {
                out.add(new Token(set, false));
                out.add(new Token(set, true));
                i++;
            } else {
                out.add(new Token(set, false));
            }
        }
        return out;
    }
}
