package io.sark.opa.builtins.graphql;

import graphql.language.SourceLocation;
import io.sark.opa.builtins.go.GoQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a GraphQL document against the grammar of gqlparser, the parser OPA uses (vektah/gqlparser v2:
 * lexer/lexer.go, parser/parser.go, parser/query.go, parser/schema.go). graphql-java, which builds the document
 * afterwards, accepts what gqlparser refuses (an empty selection set, field, argument, enum value or operation
 * list) and words its syntax errors its own way; this reports the first error as gqlparser does, e.g.
 * {@code Expected Name, found <EOF>} or {@code Unexpected Name "on"}, at the offending token's line and column
 * (counted in characters; a string's column is that of its first character inside the quotes).
 */
final class GraphqlSyntax {
    private GraphqlSyntax() {}

    /** Where a fragment's variable definitions are written: code point offsets of its parentheses. */
    record FragmentVariables(String fragment, int from, int to) {}

    /**
     * Throws {@link GraphqlFailure} for the first syntax error of a query (or schema) document; else the
     * fragments' variable definitions, which gqlparser parses and graphql-java does not.
     */
    static List<FragmentVariables> check(String text, boolean query) {
        Parser parser = new Parser(new Lexer(text));
        if (query) {
            parser.queryDocument();
        } else {
            parser.schemaDocument();
        }
        return parser.fragmentVariables;
    }

    private enum Kind {
        INVALID("<Invalid>"), EOF("<EOF>"), BANG("!"), DOLLAR("$"), AMP("&"), PAREN_L("("), PAREN_R(")"),
        SPREAD("..."), COLON(":"), EQUALS("="), AT("@"), BRACKET_L("["), BRACKET_R("]"), BRACE_L("{"),
        BRACE_R("}"), PIPE("|"), NAME("Name"), INT("Int"), FLOAT("Float"), STRING("String"),
        BLOCK_STRING("BlockString");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** A token, written in messages as gqlparser's Token.String; an INVALID one carries the lexer's complaint. */
    private record Token(Kind kind, String value, int line, int column, int from, int to, String error) {
        @Override
        public String toString() {
            return value.isEmpty() ? kind.text : kind.text + " " + GoQuote.quote(value, false);
        }
    }

    private static GraphqlFailure failure(String problem, Token at) {
        return new GraphqlFailure(problem, GraphqlFailure.Source.DOCUMENT, new SourceLocation(at.line(), at.column()));
    }

    private static final class Lexer {
        private final int[] in;
        private int start;
        private int end;
        private int line = 1;
        private int lineStart;

        Lexer(String text) {
            in = text.codePoints().toArray();
        }

        Token read() {
            skipWhitespace();
            start = end;
            if (end >= in.length) {
                return token(Kind.EOF, "");
            }
            int c = in[end++];
            switch (c) {
                case '!': return token(Kind.BANG, "");
                case '$': return token(Kind.DOLLAR, "");
                case '&': return token(Kind.AMP, "");
                case '(': return token(Kind.PAREN_L, "");
                case ')': return token(Kind.PAREN_R, "");
                case ':': return token(Kind.COLON, "");
                case '=': return token(Kind.EQUALS, "");
                case '@': return token(Kind.AT, "");
                case '[': return token(Kind.BRACKET_L, "");
                case ']': return token(Kind.BRACKET_R, "");
                case '{': return token(Kind.BRACE_L, "");
                case '}': return token(Kind.BRACE_R, "");
                case '|': return token(Kind.PIPE, "");
                case '.':
                    if (at(start + 1, '.') && at(start + 2, '.')) {
                        end += 2;
                        return token(Kind.SPREAD, "");
                    }
                    break;
                case '#':
                    while (end < in.length && (in[end] > 0x1f || in[end] == '\t')) {
                        end++;
                    }
                    return read();
                case '"':
                    return at(start + 1, '"') && at(start + 2, '"') ? blockString() : string();
                default:
                    if (c == '_' || Character.isLetter(c) && c < 0x80) {
                        return name();
                    }
                    if (c == '-' || c >= '0' && c <= '9') {
                        return number();
                    }
            }
            end--;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return error(String.format("Cannot contain the invalid character \"\\u%04d\"", c));
            }
            if (c == '\'') {
                return error("Unexpected single quote character ('), did you mean to use a double quote (\")?");
            }
            return error("Cannot parse the unexpected character \"" + Character.toString(c) + "\".");
        }

        private boolean at(int index, int c) {
            return index < in.length && in[index] == c;
        }

        private Token token(Kind kind, String value) {
            return new Token(kind, value, line, start - lineStart + 1, start, end, null);
        }

        private Token error(String problem) {
            return new Token(Kind.INVALID, "", line, end - lineStart + 1, start, end, problem);
        }

        private String text(int from, int to) {
            return new String(in, from, to - from);
        }

        /** Blanks, commas and newlines; as in gqlparser, a line starts after the \r of a \r\n. */
        private void skipWhitespace() {
            while (end < in.length) {
                int c = in[end];
                if (c == '\t' || c == ' ' || c == ',' || c == 0xfeff) {
                    end++;
                } else if (c == '\n' || c == '\r') {
                    end++;
                    line++;
                    lineStart = end;
                    if (c == '\r' && at(end, '\n')) {
                        end++;
                    }
                } else {
                    return;
                }
            }
        }

        private Token name() {
            while (end < in.length && (in[end] == '_' || in[end] < 0x80 && Character.isLetterOrDigit(in[end]))) {
                end++;
            }
            return token(Kind.NAME, text(start, end));
        }

        private Token number() {
            end--;
            boolean isFloat = false;
            accept('-');
            if (accept('0')) {
                int consumed = digits();
                if (consumed != 0) {
                    end -= consumed;
                    return error("Invalid number, unexpected digit after 0: " + describeNext() + ".");
                }
            } else if (digits() == 0) {
                return error("Invalid number, expected digit but got: " + describeNext() + ".");
            }
            if (accept('.')) {
                isFloat = true;
                if (digits() == 0) {
                    return error("Invalid number, expected digit but got: " + describeNext() + ".");
                }
            }
            if (accept('e') || accept('E')) {
                isFloat = true;
                if (!accept('-')) {
                    accept('+');
                }
                if (digits() == 0) {
                    return error("Invalid number, expected digit but got: " + describeNext() + ".");
                }
            }
            return token(isFloat ? Kind.FLOAT : Kind.INT, text(start, end));
        }

        private boolean accept(int c) {
            if (at(end, c)) {
                end++;
                return true;
            }
            return false;
        }

        private int digits() {
            int from = end;
            while (end < in.length && in[end] >= '0' && in[end] <= '9') {
                end++;
            }
            return end - from;
        }

        private String describeNext() {
            return end < in.length ? "\"" + Character.toString(in[end]) + "\"" : "<EOF>";
        }

        private Token string() {
            start++; // the token starts inside the quotes
            StringBuilder value = new StringBuilder();
            while (end < in.length) {
                int c = in[end];
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c < 0x20 && c != '\t') {
                    return error(String.format("Invalid character within String: \"\\u%04d\".", c));
                }
                if (c == '"') {
                    Token token = token(Kind.STRING, value.toString());
                    end++;
                    return token;
                }
                if (c != '\\') {
                    value.appendCodePoint(c);
                    end++;
                    continue;
                }
                if (end + 1 >= in.length) {
                    end++;
                    return error("Invalid character escape sequence.");
                }
                int escape = in[end + 1];
                if (escape == 'u') {
                    int code = end + 6 < in.length ? hex(end + 2) : -1;
                    if (code < 0) {
                        end++;
                        return error("Invalid character escape sequence: \\" + text(end, Math.min(end + 5, in.length))
                                + ".");
                    }
                    value.appendCodePoint(code);
                    end += 6;
                    continue;
                }
                String decoded = switch (escape) {
                    case '"', '/', '\\' -> Character.toString(escape);
                    case 'b' -> "\b";
                    case 'f' -> "\f";
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case 't' -> "\t";
                    default -> null;
                };
                if (decoded == null) {
                    end++;
                    return error("Invalid character escape sequence: \\" + Character.toString(escape) + ".");
                }
                value.append(decoded);
                end += 2;
            }
            return error("Unterminated string.");
        }

        private int hex(int from) {
            int code = 0;
            for (int i = from; i < from + 4; i++) {
                int digit = Character.digit(in[i], 16);
                if (digit < 0) {
                    return -1;
                }
                code = code * 16 + digit;
            }
            return code;
        }

        private Token blockString() {
            start += 3;
            end += 2;
            StringBuilder raw = new StringBuilder();
            while (end < in.length) {
                int c = in[end];
                if (c == '"' && at(end + 1, '"') && at(end + 2, '"')) {
                    Token token = token(Kind.BLOCK_STRING, blockValue(raw.toString()));
                    end += 3;
                    return token;
                }
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    return error(String.format("Invalid character within String: \"\\u%04d\".", c));
                }
                if (c == '\\' && at(end + 1, '"') && at(end + 2, '"') && at(end + 3, '"')) {
                    raw.append("\"\"\"");
                    end += 4;
                } else if (c == '\r') {
                    if (at(end + 1, '\n')) {
                        end++;
                    }
                    raw.append('\n');
                    end++;
                    line++;
                    lineStart = end;
                } else {
                    raw.appendCodePoint(c);
                    end++;
                    if (c == '\n') {
                        line++;
                        lineStart = end;
                    }
                }
            }
            return error("Unterminated string.");
        }

        /** A block string's value as the GraphQL spec has it: common indentation and blank edge lines removed. */
        private static String blockValue(String raw) {
            List<String> lines = new ArrayList<>(List.of(raw.split("\n", -1)));
            int common = Integer.MAX_VALUE;
            for (String l : lines.subList(1, lines.size())) {
                int indent = indent(l);
                if (indent < l.length()) {
                    common = Math.min(common, indent);
                }
            }
            if (common != Integer.MAX_VALUE) {
                for (int i = 1; i < lines.size(); i++) {
                    lines.set(i, lines.get(i).length() < common ? "" : lines.get(i).substring(common));
                }
            }
            while (!lines.isEmpty() && indent(lines.get(0)) == lines.get(0).length()) {
                lines.remove(0);
            }
            while (!lines.isEmpty() && indent(lines.get(lines.size() - 1)) == lines.get(lines.size() - 1).length()) {
                lines.remove(lines.size() - 1);
            }
            return String.join("\n", lines);
        }

        private static int indent(String line) {
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }
    }

    /** gqlparser's recursive descent, keeping only what decides whether and where a document fails. */
    private static final class Parser {
        private static final Set<String> OPERATIONS = Set.of("query", "mutation", "subscription");
        private static final Set<String> LOCATIONS = Set.of("QUERY", "MUTATION", "SUBSCRIPTION", "FIELD",
                "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA",
                "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM",
                "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION");

        /**
         * Deepest nesting of selections, values or list types, so that a document nested without end fails with a
         * message, not by exhausting the stack (gqlparser, on Go's growing stacks, has no limit). graphql-java, which
         * parses next, refuses more than 500 nested grammar rules, a few per level, so this never refuses a document
         * that would otherwise parse.
         */
        static final int MAX_DEPTH = 500;

        private final Lexer lexer;
        private final List<FragmentVariables> fragmentVariables = new ArrayList<>();
        private int depth;
        private Token peeked;
        private Token prev;

        Parser(Lexer lexer) {
            this.lexer = lexer;
        }

        private Token peek() {
            if (peeked == null) {
                peeked = lexer.read();
            }
            return peeked;
        }

        private Token next() {
            Token token = peek();
            peeked = null;
            if (token.error() != null) {
                throw failure(token.error(), token);
            }
            prev = token;
            return token;
        }

        private boolean skip(Kind kind) {
            if (peek().kind() != kind) {
                return false;
            }
            next();
            return true;
        }

        private Token expect(Kind kind) {
            Token token = peek();
            if (token.kind() != kind) {
                throw failure("Expected " + kind.text + ", found " + token.kind().text, token);
            }
            return next();
        }

        private void expectKeyword(String keyword) {
            Token token = peek();
            if (token.kind() != Kind.NAME || !token.value().equals(keyword)) {
                throw failure("Expected " + GoQuote.quote(keyword, false) + ", found " + token, token);
            }
            next();
        }

        private GraphqlFailure unexpected(Token token) {
            return failure("Unexpected " + token, token);
        }

        /** A list between delimiters that may be empty; whether it was there. */
        private boolean many(Kind open, Kind close, Runnable item) {
            if (!skip(open)) {
                return false;
            }
            while (peek().kind() != close) {
                item.run();
            }
            next();
            return true;
        }

        /** A list between delimiters that must not be empty; whether it was there. */
        private boolean some(Kind open, Kind close, Runnable item) {
            if (!skip(open)) {
                return false;
            }
            if (peek().kind() == close) {
                throw failure("expected at least one definition, found " + close.text, peek());
            }
            while (peek().kind() != close) {
                item.run();
            }
            next();
            return true;
        }

        private void name() {
            expect(Kind.NAME);
        }

        void queryDocument() {
            while (peek().kind() != Kind.EOF) {
                Token token = peek();
                if (token.kind() == Kind.BRACE_L || token.kind() == Kind.NAME && OPERATIONS.contains(token.value())) {
                    operation();
                } else if (token.kind() == Kind.NAME && token.value().equals("fragment")) {
                    fragmentDefinition();
                } else {
                    throw unexpected(token);
                }
            }
        }

        private void operation() {
            if (peek().kind() != Kind.BRACE_L) {
                next(); // query, mutation or subscription
                if (peek().kind() == Kind.NAME) {
                    next();
                }
                many(Kind.PAREN_L, Kind.PAREN_R, this::variableDefinition);
                directives(false);
            }
            requiredSelectionSet();
        }

        private void variableDefinition() {
            variable();
            expect(Kind.COLON);
            typeReference();
            if (skip(Kind.EQUALS)) {
                value(true);
            }
            directives(false);
        }

        private void variable() {
            expect(Kind.DOLLAR);
            name();
        }

        private void requiredSelectionSet() {
            if (peek().kind() != Kind.BRACE_L) {
                throw failure("Expected {, found " + peek().kind().text, peek());
            }
            some(Kind.BRACE_L, Kind.BRACE_R, this::selection);
        }

        private void selection() {
            nested(this::selectionAtDepth);
        }

        /** Runs {@code part} one level deeper, refusing to go past {@link #MAX_DEPTH}. */
        private void nested(Runnable part) {
            if (++depth > MAX_DEPTH) {
                throw failure("the document nests more than " + MAX_DEPTH + " levels deep", peek());
            }
            try {
                part.run();
            } finally {
                depth--;
            }
        }

        private void selectionAtDepth() {
            if (peek().kind() != Kind.SPREAD) {
                name();
                if (skip(Kind.COLON)) {
                    name();
                }
                arguments(false);
                directives(false);
                some(Kind.BRACE_L, Kind.BRACE_R, this::selection);
                return;
            }
            next();
            Token token = peek();
            if (token.kind() == Kind.NAME && !token.value().equals("on")) {
                fragmentName();
                directives(false);
                return;
            }
            if (token.value().equals("on")) {
                next();
                name();
            }
            directives(false);
            requiredSelectionSet();
        }

        private void fragmentDefinition() {
            expectKeyword("fragment");
            String fragment = fragmentName();
            int from = peek().from();
            if (many(Kind.PAREN_L, Kind.PAREN_R, this::variableDefinition)) {
                fragmentVariables.add(new FragmentVariables(fragment, from, prev.to()));
            }
            expectKeyword("on");
            name();
            directives(false);
            requiredSelectionSet();
        }

        private String fragmentName() {
            if (peek().value().equals("on")) {
                throw unexpected(peek());
            }
            return expect(Kind.NAME).value();
        }

        private void arguments(boolean constant) {
            many(Kind.PAREN_L, Kind.PAREN_R, () -> {
                name();
                expect(Kind.COLON);
                value(constant);
            });
        }

        private void value(boolean constant) {
            nested(() -> valueAtDepth(constant));
        }

        private void valueAtDepth(boolean constant) {
            Token token = peek();
            switch (token.kind()) {
                case BRACKET_L -> many(Kind.BRACKET_L, Kind.BRACKET_R, () -> value(constant));
                case BRACE_L -> many(Kind.BRACE_L, Kind.BRACE_R, () -> {
                    name();
                    expect(Kind.COLON);
                    value(constant);
                });
                case DOLLAR -> {
                    if (constant) {
                        throw unexpected(token);
                    }
                    variable();
                }
                case INT, FLOAT, STRING, BLOCK_STRING, NAME -> next();
                default -> throw unexpected(token);
            }
        }

        private boolean directives(boolean constant) {
            boolean any = false;
            while (peek().kind() == Kind.AT) {
                next();
                name();
                arguments(constant);
                any = true;
            }
            return any;
        }

        private void typeReference() {
            nested(this::typeReferenceAtDepth);
        }

        private void typeReferenceAtDepth() {
            if (skip(Kind.BRACKET_L)) {
                typeReference();
                expect(Kind.BRACKET_R);
            } else {
                name();
            }
            skip(Kind.BANG);
        }

        void schemaDocument() {
            while (peek().kind() != Kind.EOF) {
                boolean described = description();
                Token token = peek();
                if (token.kind() != Kind.NAME) {
                    throw unexpected(token);
                }
                switch (token.value()) {
                    case "scalar", "type", "interface", "union", "enum", "input" -> type(token.value(), false);
                    case "schema" -> {
                        next();
                        directives(true);
                        some(Kind.BRACE_L, Kind.BRACE_R, this::operationType);
                    }
                    case "directive" -> directiveDefinition();
                    case "extend" -> {
                        if (described) {
                            throw unexpected(prev);
                        }
                        extension();
                    }
                    default -> throw unexpected(token);
                }
            }
        }

        /** An optional description; whether it was there and not empty (what gqlparser checks before extend). */
        private boolean description() {
            Kind kind = peek().kind();
            return (kind == Kind.STRING || kind == Kind.BLOCK_STRING) && !next().value().isEmpty();
        }

        private static final Set<String> TYPE_KINDS = Set.of("scalar", "type", "interface", "union", "enum", "input");

        /**
         * A type's definition or extension after its keyword: whether it declares anything. gqlparser reads an
         * interface's implements only in a definition, and an input extension's directives as not constant.
         */
        private boolean type(String kind, boolean extension) {
            next();
            name();
            return switch (kind) {
                case "type" -> implementsInterfaces() | directives(true) | fields();
                case "interface" -> (!extension && implementsInterfaces()) | directives(true) | fields();
                case "union" -> directives(true) | unionMembers();
                case "enum" -> directives(true) | enumValues();
                case "input" -> directives(!extension) | inputFields();
                default -> directives(true); // scalar
            };
        }

        /** extend ...: gqlparser wants each extension to add something. */
        private void extension() {
            next();
            Token kind = peek();
            boolean adds;
            if (kind.value().equals("schema")) {
                next();
                adds = directives(true) | some(Kind.BRACE_L, Kind.BRACE_R, this::operationType);
            } else if (TYPE_KINDS.contains(kind.value())) {
                adds = type(kind.value(), true);
            } else {
                throw unexpected(kind);
            }
            if (!adds) {
                throw unexpected(peek());
            }
        }

        private void operationType() {
            Token token = next();
            if (!OPERATIONS.contains(token.value())) {
                throw unexpected(token);
            }
            expect(Kind.COLON);
            name();
        }

        private boolean implementsInterfaces() {
            if (!peek().value().equals("implements")) {
                return false;
            }
            next();
            names(Kind.AMP);
            return true;
        }

        /** Names between separators, which may also lead. */
        private void names(Kind separator) {
            skip(separator);
            name();
            while (skip(separator)) {
                name();
            }
        }

        private boolean fields() {
            return some(Kind.BRACE_L, Kind.BRACE_R, () -> {
                description();
                name();
                argumentDefinitions();
                expect(Kind.COLON);
                typeReference();
                directives(true);
            });
        }

        private void argumentDefinitions() {
            some(Kind.PAREN_L, Kind.PAREN_R, this::inputValue);
        }

        private boolean inputFields() {
            return some(Kind.BRACE_L, Kind.BRACE_R, this::inputValue);
        }

        private void inputValue() {
            description();
            name();
            expect(Kind.COLON);
            typeReference();
            if (skip(Kind.EQUALS)) {
                value(true);
            }
            directives(true);
        }

        private boolean unionMembers() {
            if (!skip(Kind.EQUALS)) {
                return false;
            }
            names(Kind.PIPE);
            return true;
        }

        private boolean enumValues() {
            return some(Kind.BRACE_L, Kind.BRACE_R, () -> {
                description();
                name();
                directives(true);
            });
        }

        private void directiveDefinition() {
            next();
            expect(Kind.AT);
            name();
            argumentDefinitions();
            if (peek().kind() == Kind.NAME && peek().value().equals("repeatable")) {
                next();
            }
            expectKeyword("on");
            skip(Kind.PIPE);
            location();
            while (skip(Kind.PIPE)) {
                location();
            }
        }

        private void location() {
            Token token = expect(Kind.NAME);
            if (!LOCATIONS.contains(token.value())) {
                throw unexpected(token);
            }
        }
    }
}
