package io.sark.opa.builtins.text;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.builtins.go.GoFormat;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.KeyedObjectNode;
import io.sark.opa.engine.SetNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** OPA's string builtins; positions and lengths count Unicode code points, as OPA counts runes. */
public final class StringBuiltins {
    private StringBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("concat", 2, (ctx, a) -> Json.text(String.join(a.string(0),
                        a.strings(1, "one of {set, array}")))),
                Operands.builtin("contains", 2, (ctx, a) -> Json.bool(a.string(0).contains(a.string(1)))),
                Operands.builtin("startswith", 2, (ctx, a) -> Json.bool(a.string(0).startsWith(a.string(1)))),
                Operands.builtin("endswith", 2, (ctx, a) -> Json.bool(a.string(0).endsWith(a.string(1)))),
                Operands.builtin("indexof", 2, (ctx, a) -> Json.number(indexOf(a.string(0), search(a)))),
                Operands.builtin("indexof_n", 2, (ctx, a) -> indexOfN(a.string(0), search(a))),
                Operands.builtin("lower", 1, (ctx, a) -> Json.text(mapCodePoints(a.string(0), Character::toLowerCase))),
                Operands.builtin("upper", 1, (ctx, a) -> Json.text(mapCodePoints(a.string(0), Character::toUpperCase))),
                Operands.builtin("replace", 3, (ctx, a) -> Json.text(replaceAll(a.string(0), a.string(1), a.string(2)))),
                Operands.builtin("split", 2, (ctx, a) -> split(a.string(0), a.string(1))),
                Operands.builtin("strings.split_n", 3, (ctx, a) -> splitN(a.string(0), a.string(1),
                        a.intValue(2))),
                Operands.builtin("substring", 3, (ctx, a) -> Json.text(substring(a.string(0),
                        a.intValue(1), a.intValue(2)))),
                Operands.builtin("trim", 2, (ctx, a) -> Json.text(trimRight(trimLeft(a.string(0), a.string(1)), a.string(1)))),
                Operands.builtin("trim_left", 2, (ctx, a) -> Json.text(trimLeft(a.string(0), a.string(1)))),
                Operands.builtin("trim_right", 2, (ctx, a) -> Json.text(trimRight(a.string(0), a.string(1)))),
                Operands.builtin("trim_prefix", 2, (ctx, a) -> {
                    String s = a.string(0);
                    String prefix = a.string(1);
                    return Json.text(s.startsWith(prefix) ? s.substring(prefix.length()) : s);
                }),
                Operands.builtin("trim_suffix", 2, (ctx, a) -> {
                    String s = a.string(0);
                    String suffix = a.string(1);
                    return Json.text(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s);
                }),
                Operands.builtin("trim_space", 1, (ctx, a) -> Json.text(trimSpace(a.string(0)))),
                Operands.builtin("strings.reverse", 1, (ctx, a) -> Json.text(new StringBuilder(a.string(0)).reverse().toString())),
                Operands.builtin("strings.count", 2, (ctx, a) -> Json.number(count(a.string(0), a.string(1)))),
                // sees Rego values: a pattern key that is not a string is an error, and JSON would make it one
                Builtin.seeingSets(Operands.builtin("strings.replace_n", 2, (ctx, a) -> Json.text(replaceN(a)))),
                Operands.builtin("strings.any_prefix_match", 2, (ctx, a) -> Json.bool(anyMatch(a, true))),
                Operands.builtin("strings.any_suffix_match", 2, (ctx, a) -> Json.bool(anyMatch(a, false))),
                Operands.builtin("format_int", 2, (ctx, a) -> Json.text(formatInt(a))),
                // sees Rego values: OPA formats a value that is not a number or string by its term's String()
                // (v1/topdown/strings.go builtinSprintf), so a set prints as {1, 2}, not as JSON's array
                Builtin.seeingSets(Operands.builtin("sprintf", 2, (ctx, a) -> {
                    String format = a.string(0);
                    ArrayNode values = a.array(1);
                    if (values instanceof SetNode) {
                        throw a.typeError(2, "array", values);
                    }
                    List<JsonNode> list = new ArrayList<>();
                    values.forEach(list::add);
                    return Json.text(GoFormat.sprintf(format, list));
                })));
    }

    /** Go maps case rune by rune (so "ß" stays one character), unlike String.toUpperCase. */
    static String mapCodePoints(String s, java.util.function.IntUnaryOperator mapping) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(mapping.applyAsInt(cp)));
        return out.toString();
    }

    /** The second operand of indexof and indexof_n, which OPA refuses empty (v1/topdown/strings.go). */
    private static String search(Operands a) {
        String search = a.string(1);
        if (search.isEmpty()) {
            throw a.error("empty search character");
        }
        return search;
    }

    static int indexOf(String s, String search) {
        int at = s.indexOf(search);
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    static JsonNode indexOfN(String s, String search) {
        ArrayNode out = Json.array();
        int from = 0;
        while (from <= s.length()) {
            int at = s.indexOf(search, from);
            if (at < 0) {
                break;
            }
            out.add(s.codePointCount(0, at));
            from = at + (at < s.length() ? Character.charCount(s.codePointAt(at)) : 1);
        }
        return out;
    }

    /** Go's strings.ReplaceAll: an empty {@code old} inserts {@code replacement} around every code point. */
    static String replaceAll(String s, String old, String replacement) {
        if (!old.isEmpty()) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder(replacement);
        s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
        return out.toString();
    }

    /** Go's strings.Split: an empty separator splits into code points. */
    static ArrayNode split(String s, String sep) {
        ArrayNode out = Json.array();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int from = 0;
        for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /**
     * OPA's strings.split_n (v1/topdown/strings.go builtinSplitN) keeps the fields, not Go's SplitN remainder: the
     * first {@code n} fields for n >= 0, the last {@code -n} for n < 0, all of them when |n| exceeds their count.
     */
    static ArrayNode splitN(String s, String sep, int n) {
        ArrayNode fields = split(s, sep);
        int size = fields.size();
        int from = n >= 0 ? 0 : Math.max(size + n, 0);
        int to = n >= 0 ? Math.min(n, size) : size;
        ArrayNode out = Json.array();
        for (int i = from; i < to; i++) {
            out.add(fields.get(i));
        }
        return out;
    }

    static String substring(String s, int offset, int length) {
        if (offset < 0) {
            throw new BuiltinException("substring: negative offset");
        }
        int count = s.codePointCount(0, s.length());
        if (offset >= count) {
            return "";
        }
        int start = s.offsetByCodePoints(0, offset);
        if (length < 0 || offset + length >= count) {
            return s.substring(start);
        }
        return s.substring(start, s.offsetByCodePoints(start, length));
    }

    static String trimLeft(String s, String cutset) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    static String trimRight(String s, String cutset) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (cutset.indexOf(cp) < 0) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** Go's strings.TrimSpace: Unicode white space at both ends. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isGoSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(int cp) {
        return cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r' || cp == ' ' || cp == 0x85 || cp == 0xA0
                || Character.isSpaceChar(cp);
    }

    /** Go's strings.Count: non-overlapping; an empty substring counts code points plus one. */
    static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1;
        }
        int n = 0;
        int from = 0;
        while ((from = s.indexOf(sub, from)) >= 0) {
            n++;
            from += sub.length();
        }
        return n;
    }

    /**
     * Go's strings.NewReplacer over the pattern object's pairs in key order: at each position the first pair that
     * matches wins. Keys are checked in that order too, each before its value (v1/topdown/strings.go).
     */
    static String replaceN(Operands a) {
        String name = a.builtin();
        if (!(a.get(0) instanceof ObjectNode patterns)) {
            throw a.typeError(1, "object", a.get(0));
        }
        String s = a.string(1);
        TreeMap<JsonNode, JsonNode> sorted = new TreeMap<>(Values.ORDER);
        patterns.properties().forEach(f -> sorted.put(KeyedObjectNode.keyOf(patterns, f.getKey()), f.getValue()));
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        sorted.forEach((key, value) -> {
            if (!key.isTextual()) {
                throw new BuiltinTypeException(name + ": operand 1 non-string key found in pattern object");
            }
            if (!value.isTextual()) {
                throw new BuiltinTypeException(name + ": operand 1 non-string value found in pattern object");
            }
            pairs.add(Map.entry(key.textValue(), value.textValue()));
        });
        return replacePairs(s, pairs);
    }

    /**
     * Go's strings.Replacer as OPA builds it (sorted keys, the first key matching at a position wins, output not
     * re-scanned). An empty key matches at every position, once, before whatever else matches there, as Go's
     * generic replacer does; the scan advances by code point where Go advances by byte.
     */
    static String replacePairs(String s, List<Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean emptyMatched = false;
        while (i <= s.length()) {
            Map.Entry<String, String> match = null;
            for (var p : pairs) {
                if (!(emptyMatched && p.getKey().isEmpty()) && s.startsWith(p.getKey(), i)) {
                    match = p;
                    break;
                }
            }
            emptyMatched = match != null && match.getKey().isEmpty();
            if (match != null) {
                out.append(match.getValue());
                i += match.getKey().length();
            } else if (i < s.length()) {
                int cp = s.codePointAt(i);
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                break;
            }
        }
        return out.toString();
    }

    private static List<String> stringOrStrings(Operands a, int index) {
        JsonNode v = a.get(index);
        if (v != null && v.isTextual()) {
            return List.of(v.textValue());
        }
        return a.strings(index, "one of {string, set, array}");
    }

    static boolean anyMatch(Operands a, boolean prefix) {
        List<String> search = stringOrStrings(a, 0);
        List<String> base = stringOrStrings(a, 1);
        for (String s : search) {
            for (String b : base) {
                if (prefix ? s.startsWith(b) : s.endsWith(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** OPA truncates the number toward zero, then prints it in base 2, 8, 10 or 16 (lower-case digits). */
    static String formatInt(Operands a) {
        BigDecimal number = a.decimal(0);
        BigDecimal base = a.decimal(1);
        int radix;
        if (base.compareTo(BigDecimal.valueOf(2)) == 0) {
            radix = 2;
        } else if (base.compareTo(BigDecimal.valueOf(8)) == 0) {
            radix = 8;
        } else if (base.compareTo(BigDecimal.TEN) == 0) {
            radix = 10;
        } else if (base.compareTo(BigDecimal.valueOf(16)) == 0) {
            radix = 16;
        } else {
            throw new BuiltinTypeException("format_int: operand 2 must be one of {2, 8, 10, 16}");
        }
        BigInteger truncated = number.setScale(0, RoundingMode.DOWN).toBigInteger();
        return truncated.toString(radix);
    }
}
