package io.sark.opa.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * One text per JSON value, for decision-cache keys: object keys sorted, no whitespace, numbers by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are one number). Two inputs the policy cannot tell apart must
 * share a cache entry, and inputs it can tell apart must not.
 */
public final class CanonicalJson {

    // Floats as BigDecimal: a double would merge distinct large numbers and so share entries wrongly.
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CanonicalJson() {}

    /** The canonical text of {@code json}; throws {@link IOException} when it is not one JSON value. */
    public static String of(byte[] json) throws IOException {
        JsonNode node = READER.readTree(json);
        if (node == null || node.isMissingNode()) {
            throw new IOException("no JSON value");
        }
        StringBuilder out = new StringBuilder(json.length);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) throws JsonProcessingException {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (var entry : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(READER.writeValueAsString(entry.getKey())).append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                write(it.next(), out);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else if (node.isNumber()) {
            // stripTrailingZeros gives equal numbers one (unscaled, scale) pair, hence one spelling
            out.append(node.decimalValue().stripTrailingZeros().toString());
        } else if (node.isTextual()) {
            out.append(READER.writeValueAsString(node.textValue()));
        } else {
            out.append(node.toString()); // true, false, null
        }
    }
}
