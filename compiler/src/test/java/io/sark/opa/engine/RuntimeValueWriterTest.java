package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.wasmruntime.OpaWasm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The host's layout of input as the runtime library's values (in the compiler module, where the library is) against
 * the library's own parse of the same text: equal values, equal hashes, the same text when dumped, every member found
 * by lookup (the hash index from {@value RuntimeValueWriter#INDEX_MIN} members) and iterated in the same order.
 */
class RuntimeValueWriterTest {

    private static final String[] EDGES = {
        "null", "true", "false", "0", "-0", "7", "-7", "255", "256", "123456789012345678", "-123456789012345678",
        "1234567890123456789", "99999999999999999999999", "1.5", "-0.0", "1e3", "1E-7", "2.50", "\"\"", "\"a\"",
        "\"\\u0041\\n\\t\\\\\\\"\\/\\b\\f\\r\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"",
        "\"é 😀 \\u00e9\"", "[]", "{}", "[1,[2,[3]],{}]", " { \"a\" : 1 , \"b\" : [ true , null ] } ",
        "{\"a\":1,\"a\":2}", "{\"b\":1,\"a\":2,\"b\":3,\"a\":4}", "{\"\\u0061\":1,\"a\":2}",
        "{\"k9\":9,\"k8\":8,\"k7\":7,\"k6\":6,\"k5\":5,\"k4\":4,\"k3\":3,\"k2\":2,\"k1\":1}",
        "{\"é\":1,\"e\":2,\"z\":3,\"\":4,\"ab\":5,\"a\":6}",
    };

    @Test
    void edgeCasesAreTheValuesTheLibraryParses() {
        OpaWasm opa = OpaWasm.runtime();
        for (String json : EDGES) {
            assertSameValue(opa, json);
        }
    }

    @Test
    void randomDocumentsAreTheValuesTheLibraryParses() {
        Random random = new Random(18);
        OpaWasm opa = OpaWasm.runtime();
        for (int i = 0; i < 400; i++) {
            if (i % 50 == 49) {
                opa = OpaWasm.runtime(); // a fresh heap now and then
            }
            assertSameValue(opa, randomValue(random, 0));
        }
    }

    @Test
    void anObjectWithAnIndexTakesNewMembers() {
        OpaWasm opa = OpaWasm.runtime();
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 12; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        int built = build(opa, json.append('}').toString());
        for (int i = 12; i < 40; i++) { // grows its entries and rebuilds (and frees) the index the host wrote
            opa.call("opa_object_insert", built, opa.parse("\"m" + i + "\""), opa.parse(Integer.toString(i)));
        }
        for (int i = 0; i < 40; i++) {
            int found = opa.calli("opa_value_get", built, opa.parse("\"m" + i + "\""));
            assertThat(found).as("m" + i).isNotZero();
            assertThat(opa.dump(found)).isEqualTo(Integer.toString(i));
        }
    }

    /** One writer for all the documents of a test, as an instance keeps one for all its evaluations. */
    private final RuntimeValueWriter writer = new RuntimeValueWriter();

    private int build(OpaWasm opa, String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        writer.write(text, 0); // the size, wherever it goes
        int base = (opa.calli("opa_malloc", writer.size() + 8) + 7) & ~7;
        int value = writer.write(text, base);
        writer.copyTo(opa.memory);
        return value;
    }

    private void assertSameValue(OpaWasm opa, String json) {
        int parsed = opa.parse(json);
        assertThat(parsed).as(json).isNotZero();
        int built = build(opa, json);
        assertSameValue(opa, json, built, parsed);
    }

    private static void assertSameValue(OpaWasm opa, String json, int built, int parsed) {
        assertThat(opa.calli("opa_value_compare", built, parsed)).as(json).isZero();
        assertThat(opa.calli("opa_value_hash", built)).as(json).isEqualTo(opa.calli("opa_value_hash", parsed));
        assertThat(opa.dump(built)).as(json).isEqualTo(opa.dump(parsed));
        int type = opa.calli("opa_value_type", parsed);
        if (type == 5 || type == 6) { // every element found where the parsed value has it, in the same order
            assertThat(keys(opa, built)).as(json).isEqualTo(keys(opa, parsed));
            int key = 0;
            while ((key = opa.calli("opa_value_iter", parsed, key)) != 0) {
                int element = opa.calli("opa_value_get", built, key);
                assertThat(element).as(json).isNotZero();
                assertSameValue(opa, json, element, opa.calli("opa_value_get", parsed, key));
            }
        }
    }

    private static List<String> keys(OpaWasm opa, int container) {
        List<String> keys = new ArrayList<>();
        int key = 0;
        while ((key = opa.calli("opa_value_iter", container, key)) != 0) {
            keys.add(opa.dump(key));
        }
        return keys;
    }

    private static final String[] NAMES = {"a", "b", "user", "role", "é", "\\u00e9", "x\\ny", "", "k\\\"q", "z", "aa"};
    private static final String[] NUMBERS = {"0", "1", "-1", "42", "300", "-0", "3.25", "1e2", "-2.5E-3",
        "12345678901234567890", "100000000000000000"};

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 8);
        switch (kind) {
            case 0: return "null";
            case 1: return random.nextBoolean() ? "true" : "false";
            case 2: return NUMBERS[random.nextInt(NUMBERS.length)];
            case 3: case 4: return randomString(random);
            case 5: {
                int n = random.nextInt(5);
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append(randomValue(random, depth + 1));
                }
                return b.append(']').toString();
            }
            default: {
                int n = random.nextInt(random.nextBoolean() ? 4 : 40); // from INDEX_MIN members an index, past 16 the merge sort
                StringBuilder b = new StringBuilder(random.nextBoolean() ? "{ " : "{");
                for (int i = 0; i < n; i++) {
                    String name = random.nextInt(3) == 0 ? NAMES[random.nextInt(NAMES.length)] : "m" + random.nextInt(30);
                    b.append(i == 0 ? "" : random.nextBoolean() ? ", " : ",").append('"').append(name).append("\":")
                            .append(randomValue(random, depth + 1));
                }
                return b.append('}').toString();
            }
        }
    }

    private static String randomString(Random random) {
        String[] parts = {"a", "bc", "é", "😀", "\\n", "\\u0041", "\\ud83d\\ude00", "\\ud800", "\\\\", "\\\"", " ", "\\u00e9"};
        StringBuilder b = new StringBuilder("\"");
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(parts[random.nextInt(parts.length)]);
        }
        return b.append('"').toString();
    }
}
