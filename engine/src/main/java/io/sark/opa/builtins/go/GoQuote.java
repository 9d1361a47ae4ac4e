package io.sark.opa.builtins.go;

/**
 * Go's strconv quoting, as {@code %q} formats with it: {@code Quote}, {@code QuoteToASCII}, {@code QuoteRune},
 * {@code QuoteRuneToASCII} and {@code CanBackquote}. Printable runes stay as they are (with {@code asciiOnly},
 * only printable ASCII); the others become {@code \a \b \f \n \r \t \v}, {@code \xNN} below a space and for
 * DEL, else {@code \\uNNNN} or {@code \UNNNNNNNN}, in lower-case hex.
 */
public final class GoQuote {
    private static final int RUNE_ERROR = 0xFFFD;

    private GoQuote() {}

    public static String quote(String s, boolean asciiOnly) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(r -> escaped(out, r, '"', asciiOnly));
        return out.append('"').toString();
    }

    /** A rune quoted with single quotes; what is no valid rune (negative, a surrogate, past U+10FFFF) is U+FFFD. */
    static String quoteRune(long value, boolean asciiOnly) {
        StringBuilder out = new StringBuilder("'");
        escaped(out, validRune(value), '\'', asciiOnly);
        return out.append('\'').toString();
    }

    static int validRune(long value) {
        boolean valid = value >= 0 && value <= Character.MAX_CODE_POINT
                && !(value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE);
        return valid ? (int) value : RUNE_ERROR;
    }

    /** Whether Go writes the string between back quotes: no control character but tab, no back quote, DEL or BOM. */
    static boolean canBackquote(String s) {
        return s.codePoints().noneMatch(r -> (r < ' ' && r != '\t') || r == '`' || r == 0x7F || r == 0xFEFF);
    }

    private static void escaped(StringBuilder out, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            out.append('\\').appendCodePoint(r);
            return;
        }
        if (isPrint(r) && (!asciiOnly || r < 0x80)) {
            out.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    out.append(String.format("\\x%02x", r));
                } else if (r < 0x10000) {
                    out.append(String.format("\\u%04x", r));
                } else {
                    out.append(String.format("\\U%08x", r));
                }
            }
        }
    }

    /** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
