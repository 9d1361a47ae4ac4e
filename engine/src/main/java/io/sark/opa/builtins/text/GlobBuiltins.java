package io.sark.opa.builtins.text;


import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.CompiledCache;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code glob.match} and {@code glob.quote_meta} with the syntax of the glob library OPA uses: {@code *}
 * (no separator), {@code **} (anything), {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [!...]},
 * {@code {a,b}} and {@code \} escapes, read as gobwas/glob v0.2.3 reads them (errors included) and translated to
 * a JDK regex of our own making.
 */
public final class GlobBuiltins {
    private GlobBuiltins() {}

    private static final CompiledCache<Pattern> CACHE = new CompiledCache<>();
    private static final String SPECIAL = "*?\\[]{}";

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("glob.match", 3, (ctx, a) -> {
                    String pattern = a.string(0);
                    List<Integer> delimiters = delimiters(a.get(1));
                    String match = a.string(2);
                    StringBuilder key = new StringBuilder(pattern).append('\u0000');
                    delimiters.forEach(key::appendCodePoint);
                    Pattern compiled = CACHE.get(key.toString(), k -> compile(pattern, delimiters));
                    return Json.bool(compiled.matcher(match).matches());
                }),
                Operands.builtin("glob.quote_meta", 1, (ctx, a) -> {
                    String s = a.string(0);
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
        return Pattern.compile(new Parser(new Lexer(glob).tokens(), notSeparator.toString()).regex(), Pattern.DOTALL);
    }

    private enum Kind { TEXT, ANY, SUPER, SINGLE, NOT, SEPARATOR, RANGE_OPEN, RANGE_CLOSE, RANGE_LO, RANGE_HI, TERMS_OPEN, TERMS_CLOSE, ERROR }

    private record Token(Kind kind, String text) {}

    private static BuiltinException error(String message) {
        return new BuiltinException("glob.match: " + message);
    }

    /**
     * The lexer of gobwas/glob v0.2.3, the library OPA compiles globs with: a class holds one range
     * ({@code [a-z]}) or a list of characters ({@code [abc]}), {@code ,} and {@code }} are special only inside
     * {@code {...}}, and {@code \} escapes in text. An error drops the tokens of the item it happened in.
     */
    private static final class Lexer {
        private final int[] in;
        private int pos;
        private int terms;
        private final List<Token> out = new ArrayList<>();

        Lexer(String glob) {
            in = glob.codePoints().toArray();
        }

        List<Token> tokens() {
            while (true) {
                int mark = out.size();
                String problem = item();
                if (problem != null) {
                    out.subList(mark, out.size()).clear();
                    out.add(new Token(Kind.ERROR, problem));
                    return out;
                }
                if (pos >= in.length) {
                    return out;
                }
            }
        }

        /** One item, as fetchItem; the lexer's error, or null. */
        private String item() {
            int c = in[pos++];
            if (c == 0xFFFD) {
                return "could not read rune"; // Go reads U+FFFD as a decoding error
            }
            switch (c) {
                case '{' -> {
                    terms++;
                    out.add(new Token(Kind.TERMS_OPEN, "{"));
                }
                case '[' -> {
                    out.add(new Token(Kind.RANGE_OPEN, "["));
                    return range();
                }
                case '?' -> out.add(new Token(Kind.SINGLE, "?"));
                case '*' -> {
                    if (pos < in.length && in[pos] == '*') {
                        pos++;
                        out.add(new Token(Kind.SUPER, "**"));
                    } else {
                        out.add(new Token(Kind.ANY, "*"));
                    }
                }
                default -> {
                    if (c == ',' && terms > 0) {
                        out.add(new Token(Kind.SEPARATOR, ","));
                    } else if (c == '}' && terms > 0) {
                        terms--;
                        out.add(new Token(Kind.TERMS_CLOSE, "}"));
                    } else {
                        pos--;
                        text(terms > 0 ? "?*[{},": "?*[{");
                    }
                }
            }
            return null;
        }

        private String range() {
            boolean wantHi = false;
            boolean wantClose = false;
            boolean seenNot = false;
            while (true) {
                if (pos >= in.length) {
                    return "unexpected end of input";
                }
                int c = in[pos++];
                if (wantClose) {
                    if (c != ']') {
                        return "expected close range character";
                    }
                    out.add(new Token(Kind.RANGE_CLOSE, "]"));
                    return null;
                }
                if (wantHi) {
                    out.add(new Token(Kind.RANGE_HI, Character.toString(c)));
                    wantClose = true;
                } else if (!seenNot && c == '!') {
                    out.add(new Token(Kind.NOT, "!"));
                    seenNot = true;
                } else if (pos < in.length && in[pos] == '-') {
                    pos++;
                    out.add(new Token(Kind.RANGE_LO, Character.toString(c)));
                    wantHi = true;
                } else {
                    pos--;
                    text("]");
                    wantClose = true;
                }
            }
        }

        private void text(String breakers) {
            StringBuilder data = new StringBuilder();
            boolean escaped = false;
            while (pos < in.length) {
                int c = in[pos++];
                if (!escaped) {
                    if (c == '\\') {
                        escaped = true;
                        continue;
                    }
                    if (breakers.indexOf(c) >= 0) {
                        pos--;
                        break;
                    }
                }
                escaped = false;
                data.appendCodePoint(c);
            }
            if (data.length() > 0) {
                out.add(new Token(Kind.TEXT, data.toString()));
            }
        }
    }

    /** gobwas/glob v0.2.3's parser, writing the JDK regex the glob means. */
    private static final class Parser {
        private final List<Token> tokens;
        private final String one;
        private int next;

        Parser(List<Token> tokens, String one) {
            this.tokens = tokens;
            this.one = one;
        }

        String regex() {
            return pattern(false);
        }

        /** A sequence, up to the end or (inside braces) up to ',' or '}'. An unclosed '{' ends with the glob. */
        private String pattern(boolean inTerms) {
            StringBuilder out = new StringBuilder();
            while (next < tokens.size()) {
                Token token = tokens.get(next);
                if (inTerms && (token.kind() == Kind.SEPARATOR || token.kind() == Kind.TERMS_CLOSE)) {
                    return out.toString();
                }
                next++;
                switch (token.kind()) {
                    case ERROR -> throw error(token.text());
                    case TEXT -> out.append(Pattern.quote(token.text()));
                    case ANY -> out.append(one).append('*');
                    case SUPER -> out.append("[\\s\\S]*");
                    case SINGLE -> out.append(one);
                    case RANGE_OPEN -> out.append(range());
                    case TERMS_OPEN -> {
                        List<String> alternatives = new ArrayList<>();
                        while (true) {
                            alternatives.add(pattern(true));
                            if (next >= tokens.size() || tokens.get(next++).kind() == Kind.TERMS_CLOSE) {
                                break;
                            }
                        }
                        out.append("(?:").append(String.join("|", alternatives)).append(')');
                    }
                    default -> throw error("unexpected token: " + token.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + "<" + Json.text(token.text()) + ">");
                }
            }
            return out.toString();
        }

        private String range() {
            boolean not = false;
            int lo = 0;
            int hi = 0;
            String chars = "";
            while (true) {
                if (next >= tokens.size()) {
                    throw error("unexpected end");
                }
                Token token = tokens.get(next++);
                switch (token.kind()) {
                    case ERROR -> throw error(token.text());
                    case NOT -> not = true;
                    case RANGE_LO -> lo = token.text().codePointAt(0);
                    case RANGE_HI -> {
                        hi = token.text().codePointAt(0);
                        if (hi < lo) {
                            throw error("hi character '" + token.text() + "' should be greater than lo '"
                                    + Character.toString(lo) + "'");
                        }
                    }
                    case TEXT -> chars = token.text();
                    case RANGE_CLOSE -> {
                        boolean isRange = lo != 0 && hi != 0;
                        if (chars.isEmpty() == !isRange) {
                            throw error("could not parse range");
                        }
                        StringBuilder out = new StringBuilder(not ? "[^" : "[");
                        if (isRange) {
                            out.append(escapeInClass(lo)).append('-').append(escapeInClass(hi));
                        } else {
                            chars.codePoints().forEach(c -> out.append(escapeInClass(c)));
                        }
                        return out.append(']').toString();
                    }
                    default -> throw error("could not parse range");
                }
            }
        }

        private static String escapeInClass(int cp) {
            String s = Character.toString(cp);
            return Character.isLetterOrDigit(cp) ? s : "\\" + s;
        }
    }
}
