package io.sark.opa.wasmruntime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parses and dumps the same documents with OPA's own wasm runtime (demo-policy.wasm) and with ours. */
class OpaDifferentialTest {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    final OpaWasm ours = OpaWasm.runtime();
    final OpaWasm opa = new OpaWasm(OpaWasm.resource("/demo-policy.wasm"), 1024);

    @Test
    void randomDocumentsDumpLikeOpa() throws Exception {
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) {
            String doc = value(rnd, 0);
            String mine = ours.roundTrip(doc);
            String theirs = opa.roundTrip(doc);
            assertThat(mine).as(doc).isNotNull();
            // OPA's runtime prints objects in hash order; the contract (and OPA's Go output) sorts keys
            assertThat(JSON.readTree(mine)).as(doc).isEqualTo(JSON.readTree(theirs));
            assertSortedKeys(JSON.readTree(mine));
            assertThat(ours.roundTrip(mine)).isEqualTo(mine);
            byte[] text = doc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int lazy = ours.calli("opa_json_parse_lazy", ours.write(text), text.length);
            assertThat(ours.dump(lazy)).as("lazy " + doc).isEqualTo(mine);
        }
    }

    @Test
    void regoValuesDumpLikeOpa() {
        for (String v : new String[] {"{1,2}", "set()", "{\"a\": {3, 1}}", "{\"x\": [set(), {1}]}", "[{\"k\": {\"v\"}}]"}) {
            assertThat(ours.valueDump(ours.v(v))).isEqualTo(opa.valueDump(opa.valueParse(v)));
            assertThat(ours.dump(ours.v(v))).isEqualTo(opa.dump(opa.valueParse(v)));
        }
    }

    private static void assertSortedKeys(JsonNode n) {
        if (n.isObject()) {
            String prev = null;
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (prev != null) {
                    assertThat(compareUtf8(prev, k)).as(prev + " < " + k).isNegative();
                }
                prev = k;
                assertSortedKeys(n.get(k));
            }
        } else if (n.isArray()) {
            n.forEach(OpaDifferentialTest::assertSortedKeys);
        }
    }

    private static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8), y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private static final String[] ATOMS = {"a", "b", "é", "ß", "中文", "😀", "\\\"", "\\\\", "\\n", "\\u0007", "\\u00e9",
        "\\ud83d\\ude00", "/", "\\/", " ", "<>&", "\u2028"};

    private static String value(Random r, int depth) {
        int k = r.nextInt(depth > 3 ? 6 : 8);
        switch (k) {
            case 0: return "null";
            case 1: return r.nextBoolean() ? "true" : "false";
            case 2: return number(r);
            case 3: case 4: return string(r);
            case 5: return number(r);
            case 6: {
                StringBuilder sb = new StringBuilder("[");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(value(r, depth + 1));
                return sb.append("]").toString();
            }
            default: {
                StringBuilder sb = new StringBuilder("{ ");
                int n = r.nextInt(12);
                for (int i = 0; i < n; i++) sb.append(i > 0 ? ",\n" : "").append(string(r)).append(" : ").append(value(r, depth + 1));
                return sb.append("}").toString();
            }
        }
    }

    private static String string(Random r) {
        StringBuilder sb = new StringBuilder("\"");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) sb.append(ATOMS[r.nextInt(ATOMS.length)]);
        return sb.append('"').toString();
    }

    private static String number(Random r) {
        switch (r.nextInt(6)) {
            case 0: return Integer.toString(r.nextInt(1000) - 500);
            case 1: return Long.toString(r.nextLong());
            case 2: return "123456789012345678901234567890" + r.nextInt(10);
            case 3: return (r.nextBoolean() ? "-" : "") + r.nextInt(100) + "." + r.nextInt(1000);
            case 4: return r.nextInt(10) + "e" + (r.nextInt(40) - 20);
            default: return "0";
        }
    }
}
