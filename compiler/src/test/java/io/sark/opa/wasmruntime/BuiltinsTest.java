package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Native builtins against OPA's semantics (results written as Rego values; `-` = undefined). */
class BuiltinsTest {
    OpaWasm opa;

    @BeforeEach
    void setUp() {
        opa = OpaWasm.runtime();
    }

    private String call(String name, String... args) {
        String r = opa.builtin(name, args);
        return r == null ? "-" : r;
    }

    @ParameterizedTest(name = "{0}({1}, {2}) = {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plus|1|2|3", "plus|-5|3|-2", "plus|9223372036854775807|1|9223372036854775808",
        "plus|0.1|0.2|0.3", "plus|1.5|1.5|3", "plus|123456789012345678901234567890|1|123456789012345678901234567891",
        "plus|1e2|1|101", "plus|1|`\"a\"`|-",
        "minus|3|5|-2", "minus|-9223372036854775808|1|-9223372036854775809", "minus|0.3|0.1|0.20000000000000000002",
        "minus|{1, 2, 3}|{2}|{1,3}", "minus|{1}|1|-", "minus|1|{1}|-",
        "set_diff|{1, 2, 3}|{2, 4}|{1,3}", "set_diff|{1}|[1]|-", "set_diff|[1]|{1}|-",
        "mul|6|7|42", "mul|4294967296|4294967296|18446744073709551616", "mul|1.1|1.1|1.21", "mul|-2|0.5|-1",
        "div|6|3|2", "div|7|2|3.5", "div|1|4|0.25", "div|1|8e1|0.0125", "div|-9|3|-3", "div|1|0|-", "div|1|0.0|-",
        "div|10|3|3.3333333333333333333", "div|2|3|0.6666666666666666667",
        "rem|7|3|1", "rem|-7|3|-1", "rem|7|-3|1", "rem|1|0|-", "rem|1.5|1|-", "rem|-9223372036854775808|-1|0",
        "rem|123456789012345678901|10|1",
        "lt|1|2|true", "lt|2|1|false", "lte|2|2|true", "gt|`\"b\"`|`\"a\"`|true", "gte|null|false|false",
        "equal|1|1.0|true", "equal|[1]|[1.00]|true", "neq|{1}|{1.0}|false", "lt|1e400|[]|true",
        "and|{1, 2, 3}|{2, 3, 4}|{2,3}", "or|{1}|{2}|{1,2}", "and|{1}|[1]|-",
        "internal.member_2|2|[1, 2]|true", "internal.member_2|2|{\"a\": 2}|true", "internal.member_2|`\"a\"`|{\"a\": 2}|false",
        "internal.member_2|1|{1.0}|true", "internal.member_2|1|`\"1\"`|false",
        "array.concat|[1]|[2, 3]|[1,2,3]", "array.concat|[]|[]|[]", "array.concat|{}|[]|-",
        "object.remove|{\"a\": 1, \"b\": 2}|[\"a\"]|{\"b\":2}", "object.remove|{\"a\": 1, \"b\": 2}|{\"b\": 0}|{\"a\":1}",
        "object.filter|{\"a\": 1, \"b\": 2}|{\"a\"}|{\"a\":1}", "object.remove|[]|[]|-",
        "object.union|{\"a\": {\"x\": 1}, \"b\": 1}|{\"a\": {\"y\": 2}, \"b\": 2}|{\"a\":{\"x\":1,\"y\":2},\"b\":2}",
        "numbers.range|1|4|[1,2,3,4]", "numbers.range|2|-1|[2,1,0,-1]", "numbers.range|1|1.5|-",
        "concat|`\", \"`|[\"a\", \"b\"]|`\"a, b\"`", "concat|`\"-\"`|{\"b\", \"a\"}|`\"a-b\"`",
        "contains|`\"hello\"`|`\"ell\"`|true", "startswith|`\"hello\"`|`\"he\"`|true", "endswith|`\"hello\"`|`\"lo\"`|true",
        "endswith|`\"lo\"`|`\"hello\"`|false",
        "split|`\"a,b,,c\"`|`\",\"`|[\"a\",\"b\",\"\",\"c\"]", "split|`\"héllo\"`|`\"\"`|[\"h\",\"é\",\"l\",\"l\",\"o\"]",
        "indexof|`\"héllo\"`|`\"l\"`|2", "indexof|`\"abc\"`|`\"x\"`|-1",
        "trim|`\"xxhixx\"`|`\"x\"`|`\"hi\"`", "trim_left|`\"éehié\"`|`\"é\"`|`\"ehié\"`", "trim_right|`\"hi!!\"`|`\"!\"`|`\"hi\"`",
        "trim_prefix|`\"prefix-x\"`|`\"prefix-\"`|`\"x\"`", "trim_suffix|`\"x.rego\"`|`\".rego\"`|`\"x\"`",
        "bits.or|5|3|7", "bits.and|5|3|1", "bits.xor|5|3|6", "bits.lsh|1|70|1180591620717411303424", "bits.rsh|-8|1|-4",
        "bits.or|1.5|1|-", "bits.lsh|1|-1|-",
    })
    void binary(String name, String a, String b, String want) {
        assertThat(call(name, a, b)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "abs|-3|3", "abs|-1.5|1.5", "abs|-9223372036854775808|9223372036854775808",
        "round|2.5|3", "round|-2.5|-3", "round|2.49|2", "round|0.5|1", "round|0.04|0", "round|7|7",
        "ceil|1.2|2", "ceil|-1.8|-1", "ceil|2222.2|2223", "floor|-1.2|-2", "floor|1.99|1", "floor|1e30|1000000000000000000000000000000",
        "count|[1, 2]|2", "count|{\"a\": 1}|1", "count|{1, 2, 3}|3", "count|`\"héllo\"`|5", "count|null|-", "count|1|-",
        "sum|[1, 2, 3.5]|6.5", "sum|{1, 2}|3", "sum|[]|0", "product|[2, 3, 4]|24", "product|[]|1", "sum|[\"a\"]|-",
        "max|[1, 5, 3]|5", "max|[]|-", "min|{3, 1}|1", "max|[1, \"a\", null]|`\"a\"`",
        "sort|[3, 1, 2]|[1,2,3]", "sort|{\"b\", \"a\"}|[\"a\",\"b\"]", "sort|[{}, [], null]|[null,[],{}]",
        "all|[true, true]|true", "all|[true, 1]|false", "any|{false, true}|true", "any|[]|false",
        "type_name|{1}|`\"set\"`", "type_name|1.5|`\"number\"`", "is_number|1|true", "is_number|`\"1\"`|false",
        "is_set|set()|true", "is_object|{}|true", "is_array|[]|true", "is_null|null|true", "is_boolean|false|true",
        "is_string|`\"\"`|true",
        "object.keys|{\"b\": 1, \"a\": 2}|{\"a\",\"b\"}",
        "to_number|`\"1.50\"`|1.50", "to_number|`\"-12\"`|-12", "to_number|null|0", "to_number|true|1", "to_number|`\"+3\"`|3",
        "to_number|`\"x\"`|-", "to_number|`\"\"`|-",
        "trim_space|`\" \\t hi \\n\"`|`\"hi\"`", "bits.negate|5|-6",
        "union|{{1, 2}, {2, 3}, set()}|{1,2,3}", "union|set()|set()", "union|{1}|-",
        "intersection|{{1, 2}, {2, 3}}|{2}", "intersection|set()|set()", "intersection|{{1}, set()}|set()",
        "array.reverse|[1, [2], 3]|[3,[2],1]", "array.reverse|[]|[]", "strings.reverse|`\"héllo😀\"`|`\"😀olléh\"`",
    })
    void unary(String name, String a, String want) {
        assertThat(call(name, a)).isEqualTo(want);
    }

    @Test
    void ternary() {
        assertThat(call("array.slice", "[1, 2, 3, 4]", "1", "3")).isEqualTo("[2,3]");
        assertThat(call("array.slice", "[1, 2, 3]", "-5", "10")).isEqualTo("[1,2,3]");
        assertThat(call("array.slice", "[1, 2, 3]", "2", "1")).isEqualTo("[]");
        assertThat(call("substring", "\"héllo\"", "1", "3")).isEqualTo("\"éll\"");
        assertThat(call("substring", "\"hello\"", "2", "-1")).isEqualTo("\"llo\"");
        assertThat(call("substring", "\"hello\"", "9", "2")).isEqualTo("\"\"");
        assertThat(call("substring", "\"hello\"", "-1", "2")).isEqualTo("-");
        assertThat(call("object.get", "{\"a\": 1}", "\"a\"", "0")).isEqualTo("1");
        assertThat(call("object.get", "{\"a\": 1}", "\"b\"", "0")).isEqualTo("0");
        assertThat(call("object.get", "{\"a\": {\"b\": [5, 6]}}", "[\"a\", \"b\", 1]", "0")).isEqualTo("6");
        assertThat(call("object.get", "{\"a\": {\"b\": 1}}", "[\"a\", \"x\"]", "\"d\"")).isEqualTo("\"d\"");
        assertThat(call("object.get", "{\"a\": 1}", "[]", "0")).isEqualTo("{\"a\":1}");
        assertThat(call("internal.member_3", "1", "\"b\"", "[\"a\", \"b\"]")).isEqualTo("true");
        assertThat(call("internal.member_3", "\"k\"", "1", "{\"k\": 1.0}")).isEqualTo("true");
        assertThat(call("internal.member_3", "0", "\"b\"", "[\"a\", \"b\"]")).isEqualTo("false");
    }

    @Test
    void replace() {
        assertThat(call("replace", "\"a.b.c\"", "\".\"", "\"::\"")).isEqualTo("\"a::b::c\"");
        assertThat(call("replace", "\"aaa\"", "\"aa\"", "\"b\"")).isEqualTo("\"ba\"");
        assertThat(call("replace", "\"hé\"", "\"\"", "\"-\"")).isEqualTo("\"-h-é-\"");
        assertThat(call("replace", "\"abc\"", "\"x\"", "\"y\"")).isEqualTo("\"abc\"");
    }

    /**
     * Numbers that are not both integers are computed as OPA's evaluator computes them (v1/topdown/arithmetic.go, the
     * float path): each operand a Go big.Float of the default 64-bit mantissa (builtins.NumberToFloat), the exact
     * result rounded to nearest even at that precision, printed by builtins.FloatToNumber: an integer in full, else
     * the shortest decimal that reads back as the same value (math/big ftoa.go roundShortest), with an exponent
     * below 1e-4 and from 1e6. So results can differ from the exact decimal, and comparisons follow OPA's.
     */
    @Test
    void nonIntegerArithmeticRoundsAsGoBigFloat() {
        assertThat(call("plus", "1.1", "2.2")).isEqualTo("3.3000000000000000002");
        assertThat(call("equal", call("plus", "1.1", "2.2"), "3.3")).isEqualTo("false");
        assertThat(call("minus", "3.3", "1.1")).isEqualTo("2.1999999999999999998");
        assertThat(call("mul", "50", "0.15")).isEqualTo("7.5000000000000000004");
        assertThat(call("gt", call("mul", "1.2", "3"), "3.6")).isEqualTo("true");
        assertThat(call("mul", "19.99", "3")).isEqualTo("59.97");
        assertThat(call("div", "1", "3")).isEqualTo("0.33333333333333333334");
        assertThat(call("div", "22", "7")).isEqualTo("3.1428571428571428572");
        assertThat(call("mul", "1234567.5", "1")).isEqualTo("1.2345675e+06");
        assertThat(call("mul", "0.00001", "1")).isEqualTo("1e-05");
        assertThat(call("mul", "1.5", "1000000")).isEqualTo("1500000");
        assertThat(call("mul", "1e30", "1.5")).isEqualTo("1500000000000000000000000000000");
        assertThat(call("mul", "1e-300", "0.5")).isEqualTo("5e-301");
    }

    /** The quotient of int32 operands is an integer when they divide; anything else takes the float path. */
    @Test
    void quotientsFollowOpasIntegerAndFloatPaths() {
        assertThat(call("div", "3000000000", "3")).isEqualTo("1000000000");
        assertThat(call("div", "1e109", "1e100")).isEqualTo("1000000000");
        assertThat(call("div", "0", "5")).isEqualTo("0");
        assertThat(call("div", "0", "-5")).isEqualTo("-0"); // a zero dividend is a float quotient, and may be -0
        assertThat(call("div", "-9", "3")).isEqualTo("-3");
    }

    /**
     * to_number reads what Go's strconv.ParseFloat reads (v1/topdown/casts.go): a point without digits on one side and
     * leading zeros are numbers, so "007" is 7 and ".5" is 0.5 (OPA keeps the text, equal in value); a value that
     * rounds to float64's infinity is ParseFloat's "value out of range" error.
     */
    @Test
    void toNumberReadsGoFloatSyntax() {
        assertThat(call("to_number", "\"007\"")).isEqualTo("7");
        assertThat(call("to_number", "\".5\"")).isEqualTo("0.5");
        assertThat(call("plus", call("to_number", "\"-.5e-3\""), "1")).isEqualTo("0.9995");
        assertThat(call("to_number", "\"5.\"")).isEqualTo("5");
        assertThat(call("to_number", "\"1.7976931348623157e308\"")).isEqualTo("1.7976931348623157e308");
        assertThat(call("to_number", "\"-1.7976931348623159e308\"")).isEqualTo("-");
        assertThat(call("to_number", "\"1e400\"")).isEqualTo("-");
        assertThat(call("to_number", "\"1e-400\"")).isEqualTo("1e-400"); // underflow is no error for ParseFloat
        for (String bad : new String[] {"\".\"", "\"1e\"", "\"+-1\"", "\"1_000\"", "\" 1\""}) {
            assertThat(call("to_number", bad)).as(bad).isEqualTo("-");
        }
        opa.call("opa_strict_builtin_errors_set", 1);
        assertThatThrownBy(() -> opa.builtin("to_number", "\"1e400\"")).hasMessageContaining("value out of range");
    }

    /** Converting to and from binary costs the square of the exponent: beyond 1e400 it is refused, not slow. */
    @Test
    void nonIntegerArithmeticOnHugeExponentsIsRefused() {
        assertThat(call("mul", "1e400", "1.5")).isEqualTo("-");
        assertThat(call("div", "1", "1e-999999")).isEqualTo("-");
        assertThat(call("plus", "1e400", "1")).isEqualTo("1" + "0".repeat(399) + "1"); // integers stay exact
    }

    /** v1/topdown/arithmetic.go arithRem: Go's big.Int Rem, exact for any integers, the sign the dividend's. */
    @Test
    void remainderOfIntegersBeyondInt64IsExact() {
        assertThat(call("rem", "36893488147419103237", "36893488147419103232")).isEqualTo("5");
        assertThat(call("rem", "-36893488147419103237", "18446744073709551616")).isEqualTo("-5");
        assertThat(call("rem", "3", "-18446744073709551616")).isEqualTo("3");
        assertThat(call("rem", "1e30", "1000000000000000000000000000007")).isEqualTo("1000000000000000000000000000000");
        assertThat(call("rem", "1e30", "99999999999999999999")).isEqualTo("10000000000");
        assertThat(call("rem", "340282366920938463463374607431768211456", "18446744073709551616")).isEqualTo("0");
    }

    @Test
    void strictErrorsUseOpaMessages() {
        opa.call("opa_strict_builtin_errors_set", 1);
        assertThatThrownBy(() -> opa.builtin("div", "1", "0")).hasMessage("eval_builtin_error: div: divide by zero");
        assertThatThrownBy(() -> opa.builtin("rem", "1", "0")).hasMessage("eval_builtin_error: rem: modulo by zero");
        assertThatThrownBy(() -> opa.builtin("rem", "1.5", "1")).hasMessageContaining("modulo on floating-point number");
        assertThatThrownBy(() -> opa.builtin("count", "null"))
                .hasMessage("eval_type_error: count: operand 1 must be one of {array, object, set, string} but got null");
        assertThatThrownBy(() -> opa.builtin("minus", "{1}", "1")).hasMessageContaining("operand 2 must be set but got number");
        assertThatThrownBy(() -> opa.builtin("minus", "1", "{1}")).hasMessageContaining("operand 2 must be number but got set");
        assertThatThrownBy(() -> opa.builtin("array.concat", "{}", "[]"))
                .hasMessageContaining("array.concat: operand 1 must be array but got object");
        assertThatThrownBy(() -> opa.builtin("object.remove", "[]", "[]"))
                .hasMessageContaining("object.remove: operand 1 must be object but got array");
        assertThatThrownBy(() -> opa.builtin("object.filter", "{}", "\"a\""))
                .hasMessageContaining("object.filter: operand 2 must be one of {object, set, array} but got string");
        assertThatThrownBy(() -> opa.builtin("bits.lsh", "1", "-1"))
                .hasMessageContaining("bits.lsh: operand 2 must be an unsigned integer number but got a negative integer");
        assertThatThrownBy(() -> opa.builtin("bits.negate", "1.5"))
                .hasMessageContaining("bits.negate: operand 1 must be integer number but got floating-point number");
        assertThatThrownBy(() -> opa.builtin("numbers.range", "1", "2.5"))
                .hasMessageContaining("numbers.range: operand 2 must be integer number but got floating-point number");
        assertThatThrownBy(() -> opa.builtin("to_number", "\"x\"")).hasMessageContaining("invalid syntax");
        // OPA refuses the names ParseFloat reads for non-finite numbers, in any case and sign (v1/topdown/casts.go)
        for (String name : new String[] {"nan", "inf", "-inf", "Infinity", "-Infinity", "-nan", "-NaN", "iNf", "+-INF"}) {
            assertThatThrownBy(() -> opa.builtin("to_number", "\"" + name + "\"")).as(name)
                    .hasMessage("eval_type_error: to_number: operand 1 must be valid number string but got string");
        }
        // v1/topdown/strings.go: an empty search string is an error, not index 0
        assertThatThrownBy(() -> opa.builtin("indexof", "\"\"", "\"\""))
                .hasMessage("eval_builtin_error: indexof: empty search character");
        assertThatThrownBy(() -> opa.builtin("array.slice", "[]", "0.5", "1"))
                .hasMessage("eval_type_error: array.slice: operand 2 must be integer number but got floating-point number");
        assertThatThrownBy(() -> opa.builtin("substring", "\"abc\"", "-1", "1"))
                .hasMessage("eval_builtin_error: substring: negative offset");
    }

    @Test
    void everyContractBuiltinIsNamed() {
        for (String name : new String[] {"equal", "neq", "lt", "lte", "gt", "gte", "plus", "minus", "mul", "div", "rem",
            "abs", "round", "ceil", "floor", "count", "sum", "product", "max", "min", "sort", "all", "any", "is_number",
            "type_name", "concat", "contains", "startswith", "endswith", "trim", "trim_space", "split", "substring",
            "indexof", "array.concat", "array.slice", "object.get", "object.keys", "object.remove", "object.union",
            "object.filter", "and", "or", "internal.member_2", "internal.member_3", "numbers.range", "to_number",
            "bits.or", "bits.and", "bits.xor", "bits.negate", "bits.lsh", "bits.rsh", "union", "intersection",
            "array.reverse", "strings.reverse", "replace", "set_diff"}) {
            assertThat(opa.hasFunction("opa_builtin_" + name.replace('.', '_'))).as(name).isTrue();
        }
    }
}
