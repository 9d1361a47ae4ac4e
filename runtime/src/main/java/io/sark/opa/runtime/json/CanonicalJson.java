package io.sark.opa.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One text per JSON value, for decision-cache keys: object keys sorted, no whitespace, numbers by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are one number). Two inputs the policy cannot tell apart must
 * share a cache entry, and inputs it can tell apart must not. Written straight from the token stream (no tree):
 * the key is built on every cached decision, so it must cost far less than the evaluation it saves.
 */
public final class CanonicalJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();
    // Whole numbers below this print as they are; at or above it they print as BigDecimal does.
    private static final long PLAIN_LIMIT = 1_000_000_000_000_000_000L;
    private static final BigDecimal PLAIN_LIMIT_DECIMAL = BigDecimal.valueOf(PLAIN_LIMIT);
    // BigDecimal prints 0.000001 plainly but 1E-7 for 0.0000001: the textual path stops at five zeros
    private static final int MAX_PLAIN_LEADING_ZEROS = 5;

    private CanonicalJson() {}

    /** The canonical text of {@code json}; throws {@link IOException} when it is not one JSON value. */
    public static String of(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            StringBuilder out = new StringBuilder(json.length);
            write(parser, first, out);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return out.toString();
        }
    }

    private static void write(JsonParser parser, JsonToken token, StringBuilder out) throws IOException {
        switch (token) {
            case START_OBJECT -> object(parser, out);
            case START_ARRAY -> array(parser, out);
            case VALUE_STRING -> quote(parser.getText(), out);
            case VALUE_NUMBER_INT -> integer(parser, out);
            case VALUE_NUMBER_FLOAT -> decimal(parser, out);
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IOException("unexpected " + token);
        }
    }

    private record Member(String key, String value) {}

    private static void object(JsonParser parser, StringBuilder out) throws IOException {
        List<Member> members = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            StringBuilder value = new StringBuilder();
            write(parser, parser.nextToken(), value);
            members.add(new Member(key, value.toString()));
        }
        members.sort(Comparator.comparing(Member::key)); // stable: of repeated keys, the last stays last
        out.append('{');
        boolean first = true;
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (i + 1 < members.size() && members.get(i + 1).key().equals(member.key())) {
                continue; // a repeated key: the last one counts, as in Jackson's and Go's decoders
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(member.key(), out);
            out.append(':').append(member.value());
        }
        out.append('}');
    }

    private static void array(JsonParser parser, StringBuilder out) throws IOException {
        out.append('[');
        boolean first = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(parser, token, out);
        }
        out.append(']');
    }

    private static void integer(JsonParser parser, StringBuilder out) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        long value = type == JsonParser.NumberType.BIG_INTEGER ? PLAIN_LIMIT : parser.getLongValue();
        if (value > -PLAIN_LIMIT && value < PLAIN_LIMIT) {
            out.append(value);
        } else {
            number(parser.getDecimalValue(), out);
        }
    }

    /**
     * A decimal without exponent ({@code 12.50}) is trimmed as text, which prints what {@link #number} would;
     * anything else goes through BigDecimal.
     */
    private static void decimal(JsonParser parser, StringBuilder out) throws IOException {
        String text = parser.getText();
        int point = text.indexOf('.');
        if (point < 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            number(parser.getDecimalValue(), out);
            return;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        boolean negative = text.charAt(0) == '-';
        String whole = text.substring(negative ? 1 : 0, point);
        if (end == point + 1) { // no fraction left: a whole number
            if (whole.length() < 19) {
                long value = Long.parseLong(whole);
                out.append(negative && value != 0 ? -value : value);
            } else {
                number(parser.getDecimalValue(), out);
            }
            return;
        }
        if (whole.equals("0") && leadingZeros(text, point + 1) > MAX_PLAIN_LEADING_ZEROS) {
            number(parser.getDecimalValue(), out);
            return;
        }
        out.append(text, 0, end);
    }

    private static int leadingZeros(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == '0') {
            i++;
        }
        return i - from;
    }

    /**
     * stripTrailingZeros gives equal numbers one (unscaled, scale) pair, hence one spelling; whole numbers
     * below {@link #PLAIN_LIMIT} are then printed plain, as the integer path prints them.
     */
    private static void number(BigDecimal value, StringBuilder out) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(PLAIN_LIMIT_DECIMAL) < 0) {
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
