package io.sark.opa.rego;

/**
 * One lexical token. Every word (keyword or name) is an {@link Kind#IDENT}: whether {@code if} or {@code in} is a
 * keyword depends on the file's version and imports, which only the parser knows.
 *
 * @param text the source text (for strings: with quotes)
 * @param value for strings the decoded value, otherwise the text
 * @param spaceBefore whitespace or a comment precedes it: refs and calls continue only without ({@code a[0]}, not
 *     {@code a [0]})
 * @param newlineBefore a line break precedes it: it separates the expressions of a body
 */
public record Token(Kind kind, String text, String value, Location loc, boolean spaceBefore, boolean newlineBefore) {

    public enum Kind {
        IDENT(null), NUMBER(null), STRING(null), EOF(null),
        /**
         * Text of a template string ({@code $"..."} or {@code $`...`}) up to an expression's {@code {}: its text
         * begins with {@code $} (the start) or {@code }} (after an expression). {@code TEMPLATE_END} reaches the
         * closing quote.
         */
        TEMPLATE_PART(null), TEMPLATE_END(null),
        LBRACE("{"), RBRACE("}"), LBRACK("["), RBRACK("]"), LPAREN("("), RPAREN(")"),
        DOT("."), COMMA(","), SEMICOLON(";"), COLON(":"),
        ASSIGN(":="), UNIFY("="), EQUAL("=="), NEQ("!="), LT("<"), LTE("<="), GT(">"), GTE(">="),
        PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"), PIPE("|"), AMP("&");

        public final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        /** How an error message names what was expected. */
        public String describe() {
            return switch (this) {
                case IDENT -> "name";
                case NUMBER -> "number";
                case STRING -> "string";
                case TEMPLATE_PART, TEMPLATE_END -> "template string";
                case EOF -> "end of file";
                default -> "'" + symbol + "'";
            };
        }
    }

    /** How an error message names what was found. */
    public String describe() {
        return kind == Kind.EOF ? "end of file" : "'" + text + "'";
    }

    public boolean isWord(String word) {
        return kind == Kind.IDENT && text.equals(word);
    }
}
