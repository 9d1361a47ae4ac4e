package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Projection of input text to the parts an entrypoint reads, on the scan that checks it. */
class InputScannerProjectionTest {

    private static String project(String json, String tree) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        InputScanner.Result scan = InputScanner.scan(bytes, JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS,
                node(tree));
        assertThat(scan.problem()).isNull();
        return new String(scan.json(), StandardCharsets.UTF_8);
    }

    private static JsonText.Problem problem(String json, String tree) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return InputScanner.scan(bytes, JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS, node(tree)).problem();
    }

    private static InputPaths.Node node(String tree) {
        try {
            return InputPaths.parse(("{\"e\":" + tree + "}").getBytes(StandardCharsets.UTF_8)).of("e");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keepsOnlyTheKeysReadAndCopiesWholePartsAsWritten() {
        String input = "{\"user\":{\"role\":\"admin\",\"name\":\"x\"},\"big\":[1,2,{\"a\":3}],\"n\":1.50e+01,"
                + "\"s\":\"q\\\"\\u00e9\"}";
        assertThat(project(input, "{\"user\":{\"role\":true},\"n\":true,\"s\":true}"))
                .isEqualTo("{\"user\":{\"role\":\"admin\"},\"n\":1.50e+01,\"s\":\"q\\\"\\u00e9\"}");
        assertThat(project(input, "{\"big\":true}")).isEqualTo("{\"big\":[1,2,{\"a\":3}]}");
        assertThat(project(" { \"a\" : 1 , \"b\" : [ 1 ] } ", "{\"a\":true}")).isEqualTo("{\"a\":1}");
    }

    @Test
    void namesAreMatchedByTheirBytesAmongFewKeysReadAndByTheirStringAmongMany() {
        // names of the same length and prefix, one that is a prefix of another, and non-ASCII names
        String few = "{\"ab\":true,\"ac\":true,\"abc\":true,\"\u00e9\":true}";
        assertThat(project("{\"a\":0,\"ab\":1,\"abd\":2,\"abc\":3,\"\u00e9\":4,\"e\":5,\"\\u00e9\":6}", few))
                .isEqualTo("{\"ab\":1,\"abc\":3,\"\u00e9\":4,\"\u00e9\":6}");
        StringBuilder many = new StringBuilder("{");
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":true");
            text.append(i == 0 ? "" : ",").append("\"k").append(2 * i).append("\":").append(i);
        }
        assertThat(project(text.append('}').toString(), many.append('}').toString()))
                .isEqualTo("{\"k0\":0,\"k2\":1,\"k4\":2,\"k6\":3,\"k8\":4,\"k10\":5,\"k12\":6,\"k14\":7,\"k16\":8,"
                        + "\"k18\":9}");
    }

    @Test
    void missingPathsStayMissing() {
        assertThat(project("{\"a\":1}", "{\"user\":{\"role\":true}}")).isEqualTo("{}");
        assertThat(project("{\"user\":{}}", "{\"user\":{\"role\":true}}")).isEqualTo("{\"user\":{}}");
    }

    @Test
    void valuesThatAreNotObjectsKeepTheirKind() {
        assertThat(project("[1,2]", "{\"a\":true}")).isEqualTo("[]");
        assertThat(project("\"s\"", "{\"a\":true}")).isEqualTo("\"s\"");
        assertThat(project("12", "{}")).isEqualTo("12");
        assertThat(project("{\"user\":5,\"x\":null}", "{\"user\":{\"role\":true}}")).isEqualTo("{\"user\":5}");
        assertThat(project("{\"user\":[{\"role\":1}]}", "{\"user\":{\"role\":true}}")).isEqualTo("{\"user\":[]}");
        assertThat(project("{\"user\":true}", "{\"user\":{}}")).isEqualTo("{\"user\":true}");
    }

    @Test
    void duplicateKeysAreAllKeptInOrderForTheModuleToResolve() {
        assertThat(project("{\"a\":1,\"b\":0,\"a\":2}", "{\"a\":true}")).isEqualTo("{\"a\":1,\"a\":2}");
    }

    @Test
    void keysAreMatchedByTheirValueNotTheirEscapes() {
        assertThat(project("{\"a\\u0062\":1,\"c\":2}", "{\"ab\":true}")).isEqualTo("{\"ab\":1}");
        assertThat(project("{\"\\ud83d\\ude00\":1}", "{\"\ud83d\ude00\":true}")).isEqualTo("{\"\ud83d\ude00\":1}");
    }

    @Test
    void skippedPartsAreCheckedAsStrictlyAsTheRest() {
        String deep = "[".repeat(300) + "]".repeat(300);
        assertThat(problem("{\"skip\":" + deep + ",\"a\":1}", "{\"a\":true}")).isEqualTo(
                JsonText.check(("{\"skip\":" + deep + ",\"a\":1}").getBytes(StandardCharsets.UTF_8),
                        JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS));
        assertThat(problem("{\"skip\":1e1234567}", "{}").beyondLimit()).isTrue();
        assertThat(problem("{\"skip\":[1,}", "{}").reason()).isEqualTo(
                JsonText.check("{\"skip\":[1,}".getBytes(StandardCharsets.UTF_8), 256, 6).reason());
        assertThat(problem("{\"a\":1} {}", "{\"a\":true}").reason()).isEqualTo("more than one JSON value");
    }
}
