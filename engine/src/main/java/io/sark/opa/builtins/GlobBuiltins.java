package io.sark.opa.builtins;

import static io.sark.opa.builtins.Args.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code glob.match} and {@code glob.quote_meta} with the syntax of the glob library OPA uses: {@code *}
 * (no separator), {@code **} (anything), {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [!...]},
 * {@code {a,b}} and {@code \} escapes. Globs are translated to a JDK regex of our own making.
 */
final class GlobBuiltins {
    private GlobBuiltins() {}

    private static final CompiledCache<Pattern> CACHE = new CompiledCache<>();
    private static final String SPECIAL = "*?\\[]{}";

    static List<Builtin> all() {
        return List.of(
                Builtin.of("glob.match", 3, (ctx, a) -> {
                    String pattern = string("glob.match", a, 0);
                    List<Integer> delimiters = delimiters(a[1]);
                    String match = string("glob.match", a, 2);
                    StringBuilder key = new StringBuilder(pattern).append('\u0000');
                    delimiters.forEach(key::appendCodePoint);
                    Pattern compiled = CACHE.get(key.toString(), k -> compile(pattern, delimiters));
                    return Json.bool(compiled.matcher(match).matches());
                }),
                Builtin.of("glob.quote_meta", 1, (ctx, a) -> {
                    String s = string("glob.quote_meta", a, 0);
                    StringBuilder out = new StringBuilder();
                    s.codePoints().forEach(cp -> {
                        if (SPECIAL.indexOf(cp) >= 0) {
                            out.append('\\');
                        }
                        out.appendCodePoint(cp);
                    });
                    return Json.text(out.toString());
                }));
    }

    /** null: no separators; an empty array: the default "."; otherwise the strings' characters. */
    private static List<Integer> delimiters(JsonNode operand) {
        List<Integer> out = new ArrayList<>();
        if (operand == null || operand.isNull()) {
            return out;
        }
        if (!operand.isArray()) {
            throw Args.typeError("glob.match", 2, "one of {array, null}", operand);
        }
        for (JsonNode d : operand) {
            if (!d.isTextual()) {
                throw new BuiltinTypeException("glob.match: operand 2 must be array of strings but got array containing " + Args.typeName(d));
            }
            d.textValue().codePoints().forEach(out::add);
        }
        if (out.isEmpty()) {
            out.add((int) '.');
        }
        return out;
    }

    static Pattern compile(String glob, List<Integer> delimiters) {
        StringBuilder notSeparator = new StringBuilder();
        if (delimiters.isEmpty()) {
            notSeparator.append("[\\s\\S]");
        } else {
            notSeparator.append("[^");
            delimiters.forEach(d -> notSeparator.append(Pattern.quote(new String(Character.toChars(d)))));
            notSeparator.append(']');
        }
        Translator t = new Translator(glob, notSeparator.toString());
        String regex = t.sequence(false);
        if (t.pos < glob.length()) {
            throw new BuiltinException("glob.match: unexpected '" + glob.charAt(t.pos) + "' in glob " + glob);
        }
        return Pattern.compile(regex, Pattern.DOTALL);
    }

    private static final class Translator {
        final String glob;
        final String one;
        int pos;

        Translator(String glob, String one) {
            this.glob = glob;
            this.one = one;
        }

        /** Translates until the end, or (inside braces) until ',' or '}'. */
        String sequence(boolean inAlternatives) {
            StringBuilder out = new StringBuilder();
            while (pos < glob.length()) {
                char c = glob.charAt(pos);
                if (inAlternatives && (c == ',' || c == '}')) {
                    break;
                }
                pos++;
                switch (c) {
                    case '*' -> {
                        if (pos < glob.length() && glob.charAt(pos) == '*') {
                            pos++;
                            out.append("[\\s\\S]*");
                        } else {
                            out.append(one).append('*');
                        }
                    }
                    case '?' -> out.append(one);
                    case '\\' -> {
                        if (pos >= glob.length()) {
                            throw new BuiltinException("glob.match: unexpected end of input after escape in glob " + glob);
                        }
                        int cp = glob.codePointAt(pos);
                        pos += Character.charCount(cp);
                        out.append(Pattern.quote(new String(Character.toChars(cp))));
                    }
                    case '[' -> out.append(range());
                    case '{' -> {
                        List<String> alternatives = new ArrayList<>();
                        while (true) {
                            alternatives.add(sequence(true));
                            if (pos >= glob.length()) {
                                throw new BuiltinException("glob.match: unclosed '{' in glob " + glob);
                            }
                            char end = glob.charAt(pos++);
                            if (end == '}') {
                                break;
                            }
                        }
                        out.append("(?:").append(String.join("|", alternatives)).append(')');
                    }
                    default -> {
                        int cp = glob.codePointAt(pos - 1);
                        pos += Character.charCount(cp) - 1;
                        out.append(Pattern.quote(new String(Character.toChars(cp))));
                    }
                }
            }
            return out.toString();
        }

        private String range() {
            StringBuilder out = new StringBuilder("[");
            if (pos < glob.length() && glob.charAt(pos) == '!') {
                out.append('^');
                pos++;
            }
            boolean any = false;
            while (pos < glob.length() && glob.charAt(pos) != ']') {
                int lo = glob.codePointAt(pos);
                pos += Character.charCount(lo);
                out.append(escapeInClass(lo));
                if (pos + 1 < glob.length() && glob.charAt(pos) == '-' && glob.charAt(pos + 1) != ']') {
                    pos++;
                    int hi = glob.codePointAt(pos);
                    pos += Character.charCount(hi);
                    if (hi < lo) {
                        throw new BuiltinException("glob.match: invalid range in glob " + glob);
                    }
                    out.append('-').append(escapeInClass(hi));
                }
                any = true;
            }
            if (pos >= glob.length() || !any) {
                throw new BuiltinException("glob.match: unclosed or empty '[' in glob " + glob);
            }
            pos++;
            return out.append(']').toString();
        }

        private static String escapeInClass(int cp) {
            String s = new String(Character.toChars(cp));
            return Character.isLetterOrDigit(cp) ? s : "\\" + s;
        }
    }
}
