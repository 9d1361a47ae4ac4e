package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The value functions of the contract: OPA's total order, sets and objects, access and copies. */
class ValueSemanticsTest {
    OpaWasm opa;

    @BeforeEach
    void setUp() {
        opa = OpaWasm.runtime();
    }

    private int cmp(String a, String b) {
        return Integer.signum(opa.calli("opa_value_compare", opa.v(a), opa.v(b)));
    }

    @Test
    void totalOrderAcrossTypes() {
        String[] ordered = {"null", "false", "true", "-1e400", "-12345678901234567890", "-1", "-0.5", "0", "1e-400", "0.5",
            "1", "1.5", "2", "9223372036854775807", "9223372036854775808", "1e400", "\"\"", "\"A\"", "\"a\"", "\"aa\"",
            "\"é\"", "[]", "[1]", "[1, 2]", "[2]", "{}", "{\"a\": 1}", "{\"a\": 1, \"b\": 0}", "{\"a\": 2}", "{\"b\": 0}",
            "set()", "{1}", "{1, 2}", "{2}"};
        for (int i = 0; i < ordered.length; i++) {
            for (int j = 0; j < ordered.length; j++) {
                assertThat(cmp(ordered[i], ordered[j])).as(ordered[i] + " vs " + ordered[j]).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    /**
     * Strings order by their UTF-8 bytes, unsigned, at every length and position of the first difference: memcmp
     * compares eight and four bytes at a time, and short strings are copied by overlapping loads and stores.
     */
    @Test
    void stringsOfEveryShortLengthOrderByTheirFirstDifferingByte() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
        for (int n = 0; n <= 40; n++) {
            String s = alphabet.substring(0, n);
            assertThat(opa.valueDump(opa.v("\"" + s + "\""))).isEqualTo("\"" + s + "\"");
            assertThat(cmp("\"" + s + "\"", "\"" + s + "\"")).isZero();
            assertThat(cmp("\"" + s + "\"", "\"" + s + "a\"")).isEqualTo(-1);
            for (int i = 0; i < n; i++) {
                String lower = s.substring(0, i) + "!" + s.substring(i + 1);
                String higher = s.substring(0, i) + "é" + s.substring(i + 1); // 0xC3: above every ASCII byte
                assertThat(cmp("\"" + lower + "\"", "\"" + s + "\"")).as(lower).isEqualTo(-1);
                assertThat(cmp("\"" + higher + "\"", "\"" + s + "\"")).as(higher).isEqualTo(1);
                assertThat(cmp("\"" + s + "\"", "\"" + higher + "\"")).as(higher).isEqualTo(-1);
            }
        }
    }

    @Test
    void numbersCompareExactlyAcrossRepresentations() {
        assertThat(cmp("1", "1.0")).isZero();
        assertThat(cmp("100", "1e2")).isZero();
        assertThat(cmp("0.1", "1e-1")).isZero();
        assertThat(cmp("-0", "0")).isZero();
        assertThat(cmp("0.0", "-0.0e5")).isZero();
        assertThat(cmp("12345678901234567890", "12345678901234567891")).isEqualTo(-1);
        assertThat(cmp("9007199254740993", "9007199254740992")).isEqualTo(1); // not equal as doubles would be
        assertThat(cmp("0.30000000000000000001", "0.3")).isEqualTo(1);
        assertThat(cmp("-2.5", "-2.4999")).isEqualTo(-1);
    }

    @Test
    void setsAndObjectsUseValueEquality() {
        int s = opa.v("{1, 1.0, 1e0, \"1\", [1], [1.0]}");
        assertThat(opa.calli("opa_value_length", s)).isEqualTo(3);
        int o = opa.v("{1: \"a\", 1.0: \"b\"}");
        assertThat(opa.valueDump(o)).isEqualTo("{1:\"b\"}");
        assertThat(opa.valueDump(opa.calli("opa_value_get", o, opa.v("1.00")))).isEqualTo("\"b\"");
        assertThat(opa.calli("opa_value_get", s, opa.v("[1.000]"))).isNotZero();
        assertThat(opa.calli("opa_value_get", s, opa.v("2"))).isZero();
        assertThat(cmp("{1, 2}", "{2.0, 1.0}")).isZero();
        assertThat(cmp("{\"a\": [1]}", "{\"a\": [1.0]}")).isZero();
    }

    @Test
    void largeCollectionsStayConsistent() {
        int obj = opa.calli("opa_object");
        int set = opa.calli("opa_set");
        for (int i = 0; i < 500; i++) {
            int k = (i * 7919) % 500;
            opa.call("opa_object_insert", obj, str("k" + k), opa.calli("opa_number_int", k));
            opa.call("opa_set_add", set, opa.calli("opa_number_int", k));
            opa.call("opa_set_add", set, opa.calli("opa_number_int", k)); // duplicates are ignored
        }
        assertThat(opa.calli("opa_value_length", obj)).isEqualTo(500);
        assertThat(opa.calli("opa_value_length", set)).isEqualTo(500);
        for (int k = 0; k < 500; k++) {
            assertThat(opa.call("opa_number_to_i64", opa.calli("opa_value_get", obj, str("k" + k)))).isEqualTo(k);
        }
        // iteration follows OPA's order
        List<Long> seen = new ArrayList<>();
        for (int key = opa.calli("opa_value_iter", set, 0); key != 0; key = opa.calli("opa_value_iter", set, key)) {
            seen.add(opa.call("opa_number_to_i64", key));
        }
        assertThat(seen).hasSize(500).isSorted();
        assertThat(opa.dump(obj)).startsWith("{\"k0\":0,\"k1\":1,\"k10\":10,\"k100\":100,");
    }

    private int str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return opa.calli("opa_string", opa.write(b), b.length);
    }

    @Test
    void constructorsAndAccessors() {
        int arr = opa.calli("opa_array_with_cap", 1);
        opa.call("opa_array_append", arr, opa.calli("opa_null"));
        opa.call("opa_array_append", arr, opa.calli("opa_boolean", 1));
        opa.call("opa_array_append", arr, opa.calli("opa_number_int", -5_000_000_000L));
        byte[] big = "1.25e3".getBytes(StandardCharsets.UTF_8);
        opa.call("opa_array_append", arr, opa.calli("opa_number_ref", opa.write(big), big.length));
        opa.call("opa_array_append", arr, str("x"));
        assertThat(opa.dump(arr)).isEqualTo("[null,true,-5000000000,1.25e3,\"x\"]");
        assertThat(opa.calli("opa_value_type", arr)).isEqualTo(5);
        assertThat(opa.calli("opa_value_length", arr)).isEqualTo(5);
        assertThat(opa.valueDump(opa.calli("opa_value_get", arr, opa.calli("opa_number_int", 2)))).isEqualTo("-5000000000");
        assertThat(opa.calli("opa_value_get", arr, opa.calli("opa_number_int", 5))).isZero();
        assertThat(opa.calli("opa_value_get", arr, opa.v("0.5"))).isZero();
        int n = opa.calli("opa_value_get", arr, opa.v("3.0"));
        assertThat(opa.call("opa_number_to_i64", n)).isEqualTo(1250);
        assertThat(opa.calli("opa_value_is_integer", n)).isEqualTo(1);
        assertThat(opa.calli("opa_value_is_integer", opa.v("1.5"))).isZero();
        assertThat(opa.calli("opa_value_is_integer", opa.v("123456789012345678901234567890"))).isEqualTo(1);
        int iter = opa.calli("opa_value_iter", arr, 0);
        assertThat(opa.valueDump(iter)).isEqualTo("0");
        assertThat(opa.valueDump(opa.calli("opa_value_iter", arr, iter))).isEqualTo("1");
        byte[] bad = "01".getBytes(StandardCharsets.UTF_8);
        assertThat(opa.calli("opa_number_ref", opa.write(bad), bad.length)).isZero();
        for (int t = 1; t <= 7; t++) {
            String[] samples = {"null", "true", "1", "\"s\"", "[]", "{}", "set()"};
            assertThat(opa.calli("opa_value_type", opa.v(samples[t - 1]))).isEqualTo(t);
        }
    }

    @Test
    void mergeUpsertAndCopiesLeaveInputsAlone() {
        int a = opa.v("{\"a\": {\"x\": 1, \"y\": 1}, \"b\": 1}");
        int b = opa.v("{\"a\": {\"y\": 2, \"z\": 2}, \"b\": 2, \"c\": 2}");
        assertThat(opa.valueDump(opa.calli("opa_value_merge", a, b)))
                .isEqualTo("{\"a\":{\"x\":1,\"y\":1,\"z\":2},\"b\":1,\"c\":2}");
        assertThat(opa.calli("opa_value_merge", a, opa.v("[1]"))).isZero();
        int up = opa.calli("opa_value_upsert_path", a, opa.v("[\"a\", \"q\", \"r\"]"), opa.v("true"));
        assertThat(opa.valueDump(up)).isEqualTo("{\"a\":{\"q\":{\"r\":true},\"x\":1,\"y\":1},\"b\":1}");
        assertThat(opa.valueDump(opa.calli("opa_value_upsert_path", opa.v("5"), opa.v("[\"k\"]"), opa.v("1"))))
                .isEqualTo("{\"k\":1}");
        assertThat(opa.valueDump(opa.calli("opa_value_upsert_path", a, opa.v("[]"), opa.v("7")))).isEqualTo("7");
        int copy = opa.calli("opa_value_shallow_copy", a);
        opa.call("opa_object_insert", copy, opa.v("\"new\""), opa.v("0"));
        assertThat(opa.valueDump(a)).isEqualTo("{\"a\":{\"x\":1,\"y\":1},\"b\":1}");
        assertThat(opa.calli("opa_value_length", copy)).isEqualTo(3);
    }

    @Test
    void memoizeFramesAreIndependent() {
        opa.call("opa_memoize_init");
        opa.call("opa_memoize_insert", 3, opa.v("\"x\""));
        assertThat(opa.valueDump(opa.calli("opa_memoize_get", 3))).isEqualTo("\"x\"");
        opa.call("opa_memoize_push");
        assertThat(opa.calli("opa_memoize_get", 3)).isZero();
        opa.call("opa_memoize_insert", 3, opa.v("\"y\""));
        opa.call("opa_memoize_pop");
        assertThat(opa.valueDump(opa.calli("opa_memoize_get", 3))).isEqualTo("\"x\"");
        // a heap reset (next evaluation) forgets the memo, whose memory it released
        opa.call("opa_heap_ptr_set", opa.calli("opa_heap_ptr_get"));
        assertThat(opa.calli("opa_memoize_get", 3)).isZero();
    }

    @Test
    void runtimeErrorUsesOpaLocationFormat() {
        int file = opa.write("policy.rego\0".getBytes(StandardCharsets.UTF_8));
        int msg = opa.write("object insert conflict\0".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> opa.call("opa_runtime_error", file, 12, 3, msg))
                .isInstanceOf(OpaWasm.Abort.class).hasMessage("policy.rego:12:3: object insert conflict");
    }
}
