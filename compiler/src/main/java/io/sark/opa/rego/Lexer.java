package io.sark.opa.rego;

import io.sark.opa.rego.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Splits Rego source into tokens (ending with EOF) and comments. Whitespace is dropped but noted on the next token. */
final class Lexer {
    /** The token stream and the comments, in source order. */
    record Result(List<Token> tokens, List<Comment> comments) {}

    private final String file;
    private final String src;
    private int pos;
    private int row = 1;
    private int col = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    /** Template strings whose expression is being read, innermost first. */
    private final Deque<OpenTemplate> templates = new ArrayDeque<>();

    /** A template string inside one of whose {@code {expressions}} the lexer is: raw or not, braces open in it. */
    private static final class OpenTemplate {
        final boolean raw;
        int braces;

        OpenTemplate(boolean raw) {
            this.raw = raw;
        }
    }

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static Result lex(String file, String src) {
        Lexer l = new Lexer(file, src);
        l.run();
        return new Result(List.copyOf(l.tokens), List.copyOf(l.comments));
    }

    private void run() {
        boolean space = false;
        boolean newline = false;
        while (true) {
            if (pos >= src.length()) {
                tokens.add(new Token(Kind.EOF, "", "", here(), true, true));
                return;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                space = newline = true;
                advance();
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                space = true;
                advance();
            } else if (c == '#') {
                Location loc = here();
                int start = pos + 1;
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance();
                }
                comments.add(new Comment(loc, stripCr(src.substring(start, pos))));
                space = true;
            } else {
                tokens.add(token(space, newline));
                space = newline = false;
            }
        }
    }

    private Token token(boolean space, boolean newline) {
        Location loc = here();
        int start = pos;
        char c = src.charAt(pos);
        if (isLetter(c)) {
            while (pos < src.length() && (isLetter(src.charAt(pos)) || isDigit(src.charAt(pos)))) {
                advance();
            }
            String word = src.substring(start, pos);
            return new Token(Kind.IDENT, word, word, loc, space, newline);
        }
        if (isDigit(c)) {
            String num = number();
            return new Token(Kind.NUMBER, num, num, loc, space, newline);
        }
        if (c == '"') {
            String value = string(loc);
            return new Token(Kind.STRING, src.substring(start, pos), value, loc, space, newline);
        }
        if (c == '$' && (peekIs(pos + 1, '"') || peekIs(pos + 1, '`'))) {
            advance();
            return templatePart(start, loc, src.charAt(pos) == '`', space, newline);
        }
        OpenTemplate open = templates.peek();
        if (open != null && c == '{') {
            open.braces++;
        } else if (open != null && c == '}') {
            if (open.braces == 0) {
                templates.pop();
                return templatePart(start, loc, open.raw, space, newline);
            }
            open.braces--;
        }
        if (c == '`') {
            advance();
            int from = pos;
            while (pos < src.length() && src.charAt(pos) != '`') {
                advance();
            }
            if (pos >= src.length()) {
                throw new RegoParseException(loc, "unterminated raw string");
            }
            String value = src.substring(from, pos);
            advance();
            return new Token(Kind.STRING, src.substring(start, pos), value, loc, space, newline);
        }
        Kind kind = operator(c, pos + 1 < src.length() ? src.charAt(pos + 1) : '\0');
        if (kind == null) {
            throw new RegoParseException(loc, "unexpected character '" + c + "'");
        }
        for (int i = 0; i < kind.symbol.length(); i++) {
            advance();
        }
        return new Token(kind, kind.symbol, kind.symbol, loc, space, newline);
    }

    private static Kind operator(char c, char next) {
        return switch (c) {
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case '[' -> Kind.LBRACK;
            case ']' -> Kind.RBRACK;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '.' -> Kind.DOT;
            case ',' -> Kind.COMMA;
            case ';' -> Kind.SEMICOLON;
            case ':' -> next == '=' ? Kind.ASSIGN : Kind.COLON;
            case '=' -> next == '=' ? Kind.EQUAL : Kind.UNIFY;
            case '!' -> next == '=' ? Kind.NEQ : null;
            case '<' -> next == '=' ? Kind.LTE : Kind.LT;
            case '>' -> next == '=' ? Kind.GTE : Kind.GT;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            case '*' -> Kind.STAR;
            case '/' -> Kind.SLASH;
            case '%' -> Kind.PERCENT;
            case '|' -> Kind.PIPE;
            case '&' -> Kind.AMP;
            default -> null;
        };
    }

    /** JSON-like number: digits, optional fraction, optional exponent; the text is kept exactly. */
    private String number() {
        int start = pos;
        digits();
        if (peekIs('.') && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
            advance();
            digits();
        }
        if (peekIs('e') || peekIs('E')) {
            Location eLoc = here();
            advance();
            if (peekIs('+') || peekIs('-')) {
                advance();
            }
            if (pos >= src.length() || !isDigit(src.charAt(pos))) {
                throw new RegoParseException(eLoc, "expected exponent digits in number");
            }
            digits();
        }
        if (pos < src.length() && isLetter(src.charAt(pos))) {
            throw new RegoParseException(here(), "illegal number format");
        }
        return src.substring(start, pos);
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            advance();
        }
    }

    /**
     * Template string text from its opening quote (after {@code $}) or the {@code }} closing an expression, to
     * the next unescaped {@code {} or the closing quote; as OPA's scanner (v1/ast/internal/scanner, scanTemplateString
     * and scanRawTemplateString): {@code \{} is a literal brace in both forms, so is {@code \}} in {@code $"..."}
     * (v1/test/cases/testdata/v1/stringinterpolation/test-interpolation.yaml), other escapes are JSON's in
     * {@code $"..."} and kept as written in {@code $`...`}, which may span lines.
     */
    private Token templatePart(int start, Location loc, boolean raw, boolean space, boolean newline) {
        advance();
        char close = raw ? '`' : '"';
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= src.length() || (!raw && src.charAt(pos) == '\n')) {
                throw new RegoParseException(loc, "unterminated template string");
            }
            char c = src.charAt(pos);
            if (c == close || c == '{') {
                advance();
                Kind kind = c == close ? Kind.TEMPLATE_END : Kind.TEMPLATE_PART;
                if (kind == Kind.TEMPLATE_PART) {
                    templates.push(new OpenTemplate(raw));
                }
                return new Token(kind, src.substring(start, pos), out.toString(), loc, space, newline);
            }
            if (c == '\\' && (peekIs(pos + 1, '{') || (!raw && peekIs(pos + 1, '}')))) {
                advance();
                out.append(src.charAt(pos));
                advance();
            } else if (c == '\\' && !raw) {
                escape(out);
            } else {
                out.append(c);
                advance();
            }
        }
    }

    /** A double-quoted string with JSON escapes; returns the decoded value. */
    private String string(Location loc) {
        advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new RegoParseException(loc, "unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                advance();
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                advance();
                continue;
            }
            escape(out);
        }
    }

    /** One JSON escape sequence (at its backslash), decoded into {@code out}. */
    private void escape(StringBuilder out) {
        Location escLoc = here();
        advance();
        char e = pos < src.length() ? src.charAt(pos) : '\0';
        advance();
        switch (e) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                if (pos + 4 > src.length()) {
                    throw new RegoParseException(escLoc, "illegal unicode escape");
                }
                String hex = src.substring(pos, pos + 4);
                try {
                    out.append((char) Integer.parseInt(hex, 16));
                } catch (NumberFormatException ex) {
                    throw new RegoParseException(escLoc, "illegal unicode escape '\\u" + hex + "'");
                }
                for (int i = 0; i < 4; i++) {
                    advance();
                }
            }
            default -> throw new RegoParseException(escLoc, "illegal escape sequence '\\" + e + "'");
        }
    }

    private boolean peekIs(char c) {
        return peekIs(pos, c);
    }

    private boolean peekIs(int at, char c) {
        return at < src.length() && src.charAt(at) == c;
    }

    private Location here() {
        return new Location(file, row, col);
    }

    private void advance() {
        if (pos < src.length() && src.charAt(pos) == '\n') {
            row++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
