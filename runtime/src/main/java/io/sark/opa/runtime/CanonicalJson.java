package io.sark.opa.runtime;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
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

    // Integers below this print as they are; at or above it they go through BigDecimal like any other number.
    private static final long PLAIN_LIMIT = 1_000_000_000_000_000_000L;
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();

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

    private static void write(JsonNode node, StringBuilder out) {
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
                quote(entry.getKey(), out);
                out.append(':');
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
        } else if (node.canConvertToLong() && node.isIntegralNumber()
                && Math.abs(node.longValue()) < PLAIN_LIMIT) {
            out.append(node.longValue()); // the common case, without BigDecimal
        } else if (node.isNumber()) {
            number(node.decimalValue(), out);
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else {
            out.append(node.toString()); // true, false, null
        }
    }

    /**
     * stripTrailingZeros gives equal numbers one (unscaled, scale) pair, hence one spelling; whole numbers
     * below {@link #PLAIN_LIMIT} are then printed plain, as the integer fast path prints them.
     */
    private static void number(BigDecimal value, StringBuilder out) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(PLAIN_LIMIT)) < 0) {
            out.append(stripped.longValueExact());
        } else {
            out.append(stripped);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        QUOTER.quoteAsString(text, out);
        out.append('"');
    }
}
