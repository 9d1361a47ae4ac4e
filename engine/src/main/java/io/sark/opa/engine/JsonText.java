package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Strict RFC 8259 checks of JSON text, for messages that say what is wrong and where. */
final class JsonText {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {}

    /**
     * A fast check that {@code json} is one well-formed JSON value: a streaming scan that builds nothing.
     * Needed because OPA's own {@code opa_eval} treats input it cannot parse as absent instead of failing.
     */
    static boolean isValid(byte[] json) {
        try (var parser = STRICT.getFactory().createParser(json)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Why {@code json} is not one JSON value, or {@code null} when it is. */
    static String problem(byte[] json) {
        try {
            JsonNode node = STRICT.readTree(json);
            return node == null || node.isMissingNode() ? "it is empty" : null;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            return e.getOriginalMessage()
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
