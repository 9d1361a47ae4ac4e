package io.sark.opa.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The decision-cache key as it was first written, on Jackson's token stream: the reference that {@link CanonicalJson}
 * must agree with ({@link CanonicalJsonDifferentialTest}). Object keys sorted (stable, of a repeated key the last
 * counts), no whitespace, strings by their characters with Jackson's escapes and an unpaired surrogate as U+FFFD,
 * numbers as written.
 */
final class JacksonCanonicalJson {

    // numbers of any length are keys like others; field names are not interned (many distinct keys cost far more)
    // the one change from the key it was: a factory per text. A factory's table of the names it has read pads a
    // name's last 4 bytes with 0xFF, so once it has read "A" it took the invalid name "\xFFA" for "A"
    private static JsonFactory factory() {
        return JsonFactory.builder()
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
                .build();
    }
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();
    private JacksonCanonicalJson() {}

    /** The canonical text of {@code json}; throws {@link IOException} when it is not one JSON value. */
    static String of(byte[] json) throws IOException {
        try (JsonParser parser = factory().createParser(json)) {
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
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getText()); // as written: never expanded
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

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        QUOTER.quoteAsString(withoutLoneSurrogates(text), out);
        out.append('"');
    }

    /** Go's decoder reads an unpaired surrogate escape ({@code "\\ud800"}) as U+FFFD, so OPA cannot tell them apart. */
    private static String withoutLoneSurrogates(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                fixed = fixed == null ? new StringBuilder(text) : fixed;
                fixed.setCharAt(i, '\uFFFD');
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
