package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.KeyedObjectNode;
import io.sark.opa.engine.SetNode;
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
    void setsAndNonStringKeysPrintAsRegoTerms() {
        // OPA passes such a value as its term's String() (v1/topdown/strings.go builtinSprintf): a set is {..},
        // sorted, and the empty set set(); a key keeps its type ({2: ..}); so the builtin sees sets
        Builtin sprintf = Builtins.defaults().find("sprintf").orElseThrow();
        assertThat(sprintf.seesSets()).isTrue();
        SetNode set = new SetNode(JsonNodeFactory.instance);
        set.add("b");
        set.add(1);
        KeyedObjectNode keyed = new KeyedObjectNode(JsonNodeFactory.instance);
        keyed.put(Json.text("x"), set);
        keyed.put(IntNode.valueOf(2), new SetNode(JsonNodeFactory.instance));
        ArrayNode values = JsonNodeFactory.instance.arrayNode().add(set).add(keyed);
        assertThat(sprintf.call(TestContext.fresh(), Json.text("%v | %v"), values).textValue())
                .isEqualTo("{1, \"b\"} | {2: set(), \"x\": {1, \"b\"}}");
        assertThatThrownBy(() -> sprintf.call(TestContext.fresh(), Json.text("%v"), set))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("sprintf: operand 2 must be array but got set");
    }

    @Test
    void numbersInsideOtherValuesKeepTheirText() {
        // an ast.Number is its literal text, which a composite's String() prints as it is
        assertThat(text("sprintf", "\"%v %v\"", "[[1.50, 2e2, 10, 1.5e3, 1e-7], {\"a\": 3.0}]"))
                .isEqualTo("[1.50, 2e2, 10, 1.5e3, 1e-7] {\"a\": 3.0}");
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
