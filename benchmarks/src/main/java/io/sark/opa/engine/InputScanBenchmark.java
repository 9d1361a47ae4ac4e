package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.benchmarks.GatewayInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host's scan of input JSON per size and shape of the padded gateway request (the padding is never read):
 * Jackson's token loop, which the former check ran before its projector, against {@link InputScanner} checking only
 * and checking while it projects. In this package to reach the scanner. Subtract the sizes' times and divide for ns per byte.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class InputScanBenchmark {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    @Param({"1024", "65536"})
    public int inputBytes;

    /**
     * How the padding is written: the gateway request as a client sends it (short tokens), the same pretty-printed
     * (runs of indentation), or its item list as long strings (a token or a document carried in input).
     */
    @Param({"compact", "pretty", "strings"})
    public String shape;

    private byte[] input;
    private InputPaths.Node reads;

    @Setup
    public void setUp() throws IOException {
        input = switch (shape) {
            case "compact" -> GatewayInputs.ofSize(inputBytes);
            case "pretty" -> new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new ObjectMapper().readTree(GatewayInputs.ofSize(inputBytes)));
            case "strings" -> longStrings(inputBytes);
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        reads = InputPaths.parse(("{\"e\":{\"user\":true,\"tool\":true,\"action\":true,\"tenant\":true,"
                + "\"sensitivity\":true,\"request\":{\"method\":true,\"path\":true}}}").getBytes(StandardCharsets.UTF_8))
                .of("e");
    }

    /** The gateway request's head with a list of 100-byte strings as its padding. */
    private static byte[] longStrings(int bytes) {
        String line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore";
        StringBuilder text = new StringBuilder("{\"user\":\"alice\",\"tool\":\"search\",\"action\":\"invoke\",")
                .append("\"tenant\":\"acme\",\"request\":{\"method\":\"POST\",\"path\":\"/tools/search/invoke\"},")
                .append("\"sensitivity\":2,\"documents\":[");
        for (int i = 0; text.length() < bytes - 2; i++) {
            text.append(i > 0 ? "," : "").append('"').append(line).append('"');
        }
        return text.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public int jacksonTokens() throws IOException {
        int depth = 0;
        int tokens = 0;
        try (JsonParser parser = FACTORY.createParser(input)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    tokens += parser.getText().length();
                }
                tokens++;
            }
        }
        return tokens + depth;
    }

    @Benchmark
    public Object scannerCheck() {
        return InputScanner.scan(input, JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS, null);
    }

    @Benchmark
    public Object scannerProjection() {
        return InputScanner.scan(input, JsonText.MAX_INPUT_DEPTH, JsonText.MAX_EXPONENT_DIGITS, reads);
    }
}
