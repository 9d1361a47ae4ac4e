package io.sark.opa.runtime.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code input} of a Data API request: the {@code input} member of a POST body, or the {@code input}
 * query parameter of a GET. {@code json} is null when there is none; OPA then warns and evaluates without.
 * The input's text is passed on as the caller wrote it: OPA decodes numbers as {@code json.Number} (their
 * text, of any size), so nothing here converts a number; the engine checks the input itself.
 */
record DataRequestInput(byte[] json) {

    // numbers of any length, as Go's json.Number; depth is the engine's to limit, with a message of its own.
    // Field names are not interned: interning 90,000 distinct keys costs several times the scan
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    static DataRequestInput fromPostBody(Buffer body) {
        if (body == null || body.length() == 0) {
            return new DataRequestInput(null);
        }
        byte[] bytes = body.getBytes();
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("body must be a JSON object such as {\"input\": {...}}");
            }
            byte[] input = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isInput = parser.currentName().equals("input");
                int name = (int) parser.currentTokenLocation().getByteOffset();
                if (parser.nextToken().isStructStart()) {
                    parser.skipChildren();
                } else {
                    parser.finishToken();
                }
                if (isInput) { // of a repeated member the last counts, as in Go's decoder
                    input = value(bytes, name, (int) parser.currentLocation().getByteOffset());
                }
            }
            if (parser.nextToken() != null) {
                throw new BadRequestException("body is not valid JSON: more than one JSON value");
            }
            return new DataRequestInput(input);
        } catch (IOException e) {
            throw new BadRequestException("body is not valid JSON" + where(e), e);
        }
    }

    static DataRequestInput fromQuery(String input) {
        if (input == null) {
            return new DataRequestInput(null);
        }
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new BadRequestException("query parameter 'input' is not valid JSON: it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new BadRequestException("query parameter 'input' is not valid JSON: more than one JSON value");
            }
            return new DataRequestInput(bytes);
        } catch (IOException e) {
            throw new BadRequestException("query parameter 'input' is not valid JSON" + where(e), e);
        }
    }

    /**
     * The member's value text: from after the name at {@code name} (its opening quote) and the colon, to
     * {@code end}, where the parser stopped after the value. The parser has validated the text; its token
     * locations are not used for the start, since it reads ahead of a name to the value.
     */
    private static byte[] value(byte[] body, int name, int end) {
        int i = name + 1;
        while (body[i] != '"') {
            i += body[i] == '\\' ? 2 : 1;
        }
        i++;
        while (body[i] != ':') {
            i++;
        }
        i++;
        while (isWhitespace(body[i])) {
            i++;
        }
        while (end > i && isWhitespace(body[end - 1])) {
            end--;
        }
        return Arrays.copyOfRange(body, i, end);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    boolean present() {
        return json != null;
    }

    // where the parser stopped, not its message: that names parser internals and can quote the input at length
    private static String where(IOException e) {
        return e instanceof JsonProcessingException json && json.getLocation() != null
                ? " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")"
                : "";
    }
}
