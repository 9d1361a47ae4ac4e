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
 * One text per JSON value, for decision-cache keys: object keys sorted, no whitespace, strings by their
 * characters, numbers as written. Two inputs the policy cannot tell apart must share a cache entry, and inputs
 * it can tell apart must not: OPA keeps a number's text ({@code json.Number}, {@code ast.Number} in OPA's
 * v1/ast/term.go), so {@code 200}, {@code 2e2} and {@code 200.0} print differently in {@code sprintf} and in
 * results, and stay apart here; reading the text also never expands {@code 1e2147483647}. Written straight from
 * the token stream (no tree): the key is built on every cached decision, so it must cost far less than the
 * evaluation it saves.
 */
public final class CanonicalJson {

    // numbers of any length are keys like others; field names are not interned (many distinct keys cost far more)
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();
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
