package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRoundTripTest {
    OpaWasm opa;

    @BeforeEach
    void setUp() {
        opa = OpaWasm.runtime();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "null|null", "true|true", "false|false", "0|0", "-0|-0", "42|42", "-7|-7",
        "9223372036854775807|9223372036854775807", "-9223372036854775808|-9223372036854775808",
        "123456789012345678901234567890|123456789012345678901234567890",
        "1.5|1.5", "1.50|1.50", "-0.000001|-0.000001", "1e400|1e400", "2.5E-3|2.5E-3",
        "'\"\"'|'\"\"'", "'\"abc\"'|'\"abc\"'",
        "' [ 1 , 2 ,3 ] '|'[1,2,3]'", "'[]'|'[]'", "'{}'|'{}'",
        "'{\"b\":1,\"a\":2}'|'{\"a\":2,\"b\":1}'",
        "'{\"a\":1,\"a\":2}'|'{\"a\":2}'",
        "'{\"z\":[{\"y\":null,\"x\":true}],\"\":0}'|'{\"\":0,\"z\":[{\"x\":true,\"y\":null}]}'",
    })
    void roundTrips(String in, String out) {
        assertThat(opa.roundTrip(in)).isEqualTo(out);
    }

    @Test
    void stringEscapesAndUnicode() {
        assertThat(opa.roundTrip("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"")).isEqualTo("\"a\\\"b\\\\c/d\\u0008\\u000c\\n\\r\\t\"");
        assertThat(opa.roundTrip("\"\\u00e9\\u4e2d\\ud83d\\ude00\"")).isEqualTo("\"é中😀\"");
        assertThat(opa.roundTrip("\"é中😀\"")).isEqualTo("\"é中😀\"");
        assertThat(opa.roundTrip("\"\\u0001\\u001f\"")).isEqualTo("\"\\u0001\\u001f\"");
        // lone surrogates decode to U+FFFD, as Go's encoding/json does
        assertThat(opa.roundTrip("\"\\ud800x\"")).isEqualTo("\"\uFFFDx\"");
    }

    @Test
    void objectKeysSortedInOpaOrder() {
        assertThat(opa.roundTrip("{\"b\":1,\"a\":{\"d\":1,\"c\":2},\"B\":3,\"é\":4,\"aa\":5}"))
                .isEqualTo("{\"B\":3,\"a\":{\"c\":2,\"d\":1},\"aa\":5,\"b\":1,\"é\":4}");
        StringBuilder big = new StringBuilder("{");
        for (int i = 99; i >= 0; i--) {
            big.append(i < 99 ? "," : "").append("\"k").append(i).append("\":").append(i);
        }
        String dumped = opa.roundTrip(big.append('}').toString());
        assertThat(dumped).startsWith("{\"k0\":0,\"k1\":1,\"k10\":10,").endsWith(",\"k98\":98,\"k99\":99}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{1:2}",
        "01", "1.", ".5", "-", "1e", "1e+", "+1", "tru", "nul", "nulll", "\"abc", "\"\\x\"", "\"\\u12\"",
        "\"a\nb\"", "[1]]", "{\"a\":1}x", "set()", "{1,2}", "NaN", "Infinity", "'a'", "[\"\\ud800\\\"]"})
    void rejectsMalformed(String in) {
        assertThat(opa.roundTrip(in)).isNull();
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThat(opa.parse(new byte[] {'"', (byte) 0xc3, '"'})).isZero();
        assertThat(opa.parse(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'})).isZero();
        assertThat(opa.parse(new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'})).isZero();
        assertThat(opa.parse(new byte[] {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'})).isZero();
    }

    @Test
    void deepNestingUpToTheLimit() {
        assertThat(opa.roundTrip("[".repeat(257) + "]".repeat(257))).isEqualTo("[".repeat(257) + "]".repeat(257));
        assertThat(opa.roundTrip("[".repeat(258) + "]".repeat(258))).isNull();
        assertThat(opa.roundTrip("[".repeat(100000))).isNull();
        String objs = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        assertThat(opa.roundTrip(objs)).isEqualTo(objs);
    }

    @Test
    void valueParseAndDumpUseRegoSyntax() {
        assertThat(opa.valueDump(opa.valueParse("{3, 1, 2}"))).isEqualTo("{1,2,3}");
        assertThat(opa.valueDump(opa.valueParse("set()"))).isEqualTo("set()");
        assertThat(opa.dump(opa.valueParse("set()"))).isEqualTo("[]");
        assertThat(opa.dump(opa.valueParse("{\"s\": {\"b\", \"a\"}}"))).isEqualTo("{\"s\":[\"a\",\"b\"]}");
        assertThat(opa.valueDump(opa.valueParse("{1: \"x\", [1]: {}}"))).isEqualTo("{1:\"x\",[1]:{}}");
        assertThat(opa.dump(opa.valueParse("{1: \"x\", [1]: {}}"))).isEqualTo("{\"1\":\"x\",\"[1]\":{}}");
    }
}
