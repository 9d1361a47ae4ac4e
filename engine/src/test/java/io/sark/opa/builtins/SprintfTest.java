package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expectations are Go's fmt output for the values OPA passes (int, *big.Int, float64, string). */
class SprintfTest {

    @Test
    void integersAndPadding() {
        assertThat(text("sprintf", "\"%d|%5d|%-5d|%05d|%+d\"", "[42, 42, 42, 42, 42]")).isEqualTo("42|   42|42   |00042|+42");
        assertThat(text("sprintf", "\"%x %X %o %b %#x\"", "[255, 255, 8, 5, 255]")).isEqualTo("ff FF 10 101 0xff");
        assertThat(text("sprintf", "\"%d\"", "[-7]")).isEqualTo("-7");
    }

    @Test
    void floatsUseGoFormatting() {
        assertThat(text("sprintf", "\"%.2f %f %e\"", "[3.14159, 1.5, 1234.5678]")).isEqualTo("3.14 1.500000 1.234568e+03");
        assertThat(text("sprintf", "\"%v %v %v\"", "[0.5, 1e21, 1234567.5]")).isEqualTo("0.5 1e+21 1.2345675e+06");
        assertThat(text("sprintf", "\"%g\"", "[0.00001]")).isEqualTo("1e-05");
    }

    @Test
    void stringsAndOtherValues() {
        assertThat(text("sprintf", "\"%s=%q\"", "[\"a\", \"b\\\"c\"]")).isEqualTo("a=\"b\\\"c\"");
        // Values other than numbers and strings are passed as their Rego text.
        assertThat(text("sprintf", "\"%v %s\"", "[{\"b\": [1, 2], \"a\": true}, null]")).isEqualTo("{\"a\": true, \"b\": [1, 2]} null");
        assertThat(text("sprintf", "\"%.2s\"", "[\"hello\"]")).isEqualTo("he");
    }

    /**
     * %q is Go's strconv quoting (fmt/format.go fmtQ, fmtQc; strconv/quote.go): runes Go cannot print are
     * escaped, '+' keeps ASCII only, '#' back-quotes where it can, the precision cuts the string first, and an
     * integer quotes as a rune, U+FFFD when it is none.
     */
    @Test
    void quotedVerbFollowsGoStrconv() {
        assertThat(text("sprintf", "\"%q|%q|%q|%q\"", "[\"\\u00ad\", \"a\\u2028b\", \"x\\u0001\\ty\", \"\u00e9<&>\"]"))
                .isEqualTo("\"\\u00ad\"|\"a\\u2028b\"|\"x\\x01\\ty\"|\"\u00e9<&>\"");
        assertThat(text("sprintf", "\"%+q|%#q|%#q|%.3q|%-6q|\"", "[\"\u00e9\\ud83d\\ude42\", \"a\\tb\", \"a\\nb\", \"abcdef\", \"\u00e9\"]"))
                .isEqualTo("\"\\u00e9\\U0001f642\"|`a\tb`|\"a\\nb\"|\"abc\"|\"\u00e9\"   |");
        assertThat(text("sprintf", "\"%q %q %+q %q %c\"", "[97, 39, 233, -1, -1]"))
                .isEqualTo("'a' '\\'' '\\u00e9' '\ufffd' \ufffd");
    }

    @Test
    void goErrorNotation() {
        assertThat(text("sprintf", "\"%d\"", "[\"x\"]")).isEqualTo("%!d(string=x)");
        assertThat(text("sprintf", "\"%s\"", "[5]")).isEqualTo("%!s(int=5)");
        assertThat(text("sprintf", "\"%d %d\"", "[1]")).isEqualTo("1 %!d(MISSING)");
        assertThat(text("sprintf", "\"hi\"", "[1, \"a\"]")).isEqualTo("hi%!(EXTRA int=1, string=a)");
        assertThat(text("sprintf", "\"100%%\"", "[]")).isEqualTo("100%");
    }

    @Test
    void bigIntegersPrintInFull() {
        assertThat(text("sprintf", "\"%d %s\"", "[123456789123456789123, 1208925819614629174706175]"))
                .isEqualTo("123456789123456789123 1208925819614629174706175");
    }

    @Test
    void formatIntTruncatesTowardZero() {
        assertThat(text("format_int", "-15.9", "16")).isEqualTo("-f");
        assertThat(text("format_int", "255", "2")).isEqualTo("11111111");
    }
}
