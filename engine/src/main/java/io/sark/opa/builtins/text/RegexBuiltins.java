package io.sark.opa.builtins.text;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.sark.opa.builtins.CompiledCache;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.util.ArrayList;
import java.util.List;

/** {@code regex.*} and {@code re_match} on RE2J: the same RE2 syntax and linear-time matching as Go's regexp. */
public final class RegexBuiltins {
    private RegexBuiltins() {}

    private static final CompiledCache<Object> CACHE = new CompiledCache<>();

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("regex.match", 2, (ctx, a) -> Json.bool(compile(a.builtin(), a.string(0))
                        .matcher(a.string(1)).find())),
                Operands.builtin("re_match", 2, (ctx, a) -> Json.bool(compile(a.builtin(), a.string(0))
                        .matcher(a.string(1)).find())),
                Operands.builtin("regex.is_valid", 1, (ctx, a) -> Json.bool(a.get(0) != null && a.get(0).isTextual()
                        && !(CACHE.get(a.get(0).textValue(), RegexBuiltins::compileOrError) instanceof String))),
                Operands.builtin("regex.split", 2, (ctx, a) -> split(compile(a.builtin(), a.string(0)), a.string(1))),
                Operands.builtin("regex.find_n", 3, (ctx, a) -> {
                    Pattern p = compile(a.builtin(), a.string(0));
                    String s = a.string(1);
                    ArrayNode out = Json.array();
                    for (int[] m : findAll(p, s, a.intValue(2))) {
                        out.add(s.substring(m[0], m[1]));
                    }
                    return out;
                }),
                Operands.builtin("regex.find_all_string_submatch_n", 3, (ctx, a) -> {
                    String name = a.builtin();
                    Pattern p = compile(name, a.string(0));
                    String s = a.string(1);
                    ArrayNode out = Json.array();
                    for (int[] m : findAll(p, s, a.intValue(2))) {
                        ArrayNode groups = Json.array();
                        for (int g = 0; g < m.length / 2; g++) {
                            groups.add(m[2 * g] < 0 ? "" : s.substring(m[2 * g], m[2 * g + 1]));
                        }
                        out.add(groups);
                    }
                    return out;
                }),
                Operands.builtin("regex.replace", 3, (ctx, a) -> {
                    String s = a.string(0);
                    Pattern p = compile(a.builtin(), a.string(1));
                    return Json.text(p.matcher(s).replaceAll(a.string(2)));
                }),
                Operands.builtin("regex.globs_match", 2, (ctx, a) -> Json.bool(GlobIntersection.intersect(a.builtin(),
                        a.string(0), a.string(1)))),
                Operands.builtin("regex.template_match", 4, (ctx, a) -> {
                    String name = a.builtin();
                    String template = a.string(0);
                    String value = a.string(1);
                    String start = a.string(2);
                    String end = a.string(3);
                    return Json.bool(compile(name, templateRegex(name, template, start, end)).matcher(value).matches());
                }));
    }

    private static Object compileOrError(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return e.getMessage();
        }
    }

    static Pattern compile(String name, String regex) {
        Object compiled = CACHE.get(regex, RegexBuiltins::compileOrError);
        if (compiled instanceof String error) {
            throw new BuiltinException(name + ": " + error);
        }
        return (Pattern) compiled;
    }

    /**
     * Go's FindAll*Index: at most n matches (all when n < 0), and an empty match right after the previous
     * match is skipped. Each match holds start/end pairs of every group (-1 when a group did not take part).
     */
    static List<int[]> findAll(Pattern p, String s, int n) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        int previousEnd = -1;
        int from = 0;
        while ((n < 0 || out.size() < n) && from <= s.length() && m.find(from)) {
            int start = m.start();
            int end = m.end();
            if (start == end && start == previousEnd) {
                from = start + (start < s.length() ? Character.charCount(s.codePointAt(start)) : 1);
                continue;
            }
            int[] groups = new int[2 * (m.groupCount() + 1)];
            for (int g = 0; g <= m.groupCount(); g++) {
                groups[2 * g] = m.start(g);
                groups[2 * g + 1] = m.end(g);
            }
            out.add(groups);
            previousEnd = end;
            from = end > start ? end : end + (end < s.length() ? Character.charCount(s.codePointAt(end)) : 1);
        }
        return out;
    }

    /** Go's Regexp.Split(s, -1). */
    static JsonNode split(Pattern p, String s) {
        ArrayNode out = Json.array();
        if (!p.pattern().isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        int begin = 0;
        int end = 0;
        for (int[] m : findAll(p, s, -1)) {
            end = m[0];
            if (m[1] != 0) {
                out.add(s.substring(begin, end));
            }
            begin = m[1];
        }
        if (end != s.length()) {
            out.add(s.substring(begin));
        }
        return out;
    }

    /** The template's delimited parts are regular expressions, the rest literal text; the whole is anchored. */
    static String templateRegex(String name, String template, String start, String end) {
        if (start.isEmpty() || end.isEmpty()) {
            throw new BuiltinException(name + ": delimiters must not be empty");
        }
        StringBuilder out = new StringBuilder("^");
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf(start, i);
            if (open < 0) {
                out.append(Pattern.quote(template.substring(i)));
                break;
            }
            out.append(Pattern.quote(template.substring(i, open)));
            int depth = 0;
            int j = open;
            int close = -1;
            while (j < template.length()) {
                if (template.startsWith(start, j)) {
                    depth++;
                    j += start.length();
                } else if (template.startsWith(end, j)) {
                    depth--;
                    if (depth == 0) {
                        close = j;
                        break;
                    }
                    j += end.length();
                } else {
                    j++;
                }
            }
            if (close < 0) {
                throw new BuiltinException(name + ": unbalanced braces in template " + template);
            }
            out.append('(').append(template, open + start.length(), close).append(')');
            i = close + end.length();
        }
        return out.append('$').toString();
    }
}
