package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * opa_eval's input: long input lazily (validated up front, materialised level by level), short input in one pass;
 * both give the values an eager parse gives and refuse the same texts.
 */
class LazyInputTest {
    static final String DOC = "{\"user\": {\"name\": \"alice\", \"roles\": [\"admin\", {\"x\": [1, 2.50]}]},"
            + " \"b\": [[], {}], \"n\": 123456789012345678901234, \"s\": \"\\u00e9\\n\"}";

    private int lazy(OpaWasm opa, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return opa.calli("opa_json_parse_lazy", opa.write(b), b.length);
    }

    private int onePass(OpaWasm opa, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return opa.calli("opa_json_parse_text", opa.write(b), b.length);
    }

    @Test
    void onePassParseOfShortInputAgreesWithTheLazyOne() {
        OpaWasm opa = OpaWasm.runtime();
        int text = onePass(opa, DOC);
        assertThat(opa.calli("opa_value_compare", text, lazy(opa, DOC))).isZero();
        assertThat(opa.dump(text)).isEqualTo(opa.dump(opa.parse(DOC)));
        for (String malformed : new String[] {"{\"a\": 1, \"deep\": [{\"x\": [1, 2,]}]}", "{\"a\": \"\\q\"}",
                "[" + "[".repeat(300) + "]".repeat(300) + "]", "{\"a\": 1} x", "{\"a\" 1}", "[01]", "\"\u0001\""}) {
            assertThat(onePass(opa, malformed)).as(malformed).isZero();
            assertThat(lazy(opa, malformed)).as(malformed).isZero();
        }
    }

    @Test
    void lazyAndEagerParsesAgree() {
        OpaWasm opa = OpaWasm.runtime();
        int eager = opa.parse(DOC);
        int lz = lazy(opa, DOC);
        assertThat(opa.calli("opa_value_compare", lz, eager)).isZero();
        assertThat(opa.call("opa_value_hash", lz)).isEqualTo(opa.call("opa_value_hash", eager));
        assertThat(opa.dump(lz)).isEqualTo(opa.dump(eager));
    }

    @Test
    void accessMaterialisesOnlyThePathTaken() {
        OpaWasm opa = OpaWasm.runtime();
        int lz = lazy(opa, DOC);
        int user = opa.calli("opa_value_get", lz, opa.v("\"user\""));
        int roles = opa.calli("opa_value_get", user, opa.v("\"roles\""));
        assertThat(opa.calli("opa_value_length", roles)).isEqualTo(2);
        int x = opa.calli("opa_value_get", opa.calli("opa_value_get", roles, opa.v("1")), opa.v("\"x\""));
        assertThat(opa.dump(x)).isEqualTo("[1,2.50]");
        assertThat(opa.calli("opa_value_type", opa.calli("opa_value_get", lz, opa.v("\"b\"")))).isEqualTo(5);
        assertThat(opa.dump(lz)).isEqualTo(opa.dump(opa.parse(DOC)));
    }

    @Test
    void malformedAnywhereIsRejectedBeforeAnyAccess() {
        OpaWasm opa = OpaWasm.runtime();
        assertThat(lazy(opa, "{\"a\": 1, \"deep\": [{\"x\": [1, 2,]}]}")).isZero();
        assertThat(lazy(opa, "{\"a\": \"\\q\"}")).isZero();
        assertThat(lazy(opa, "[" + "[".repeat(300) + "]".repeat(300) + "]")).isZero();
        assertThat(lazy(opa, "{\"a\": 1} x")).isZero();
    }
}
