package io.sark.opa.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.engine.InvalidInputException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Turns the input a caller hands the evaluator into JSON bytes: Vert.x JSON, JSON text or bytes as they
 * are, everything else (maps, Jackson nodes, POJOs) through the application's Jackson mapper.
 */
final class InputEncoder {

    private final ObjectMapper mapper;

    InputEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code null} input means "no input": OPA's {@code input} is then undefined. */
    byte[] encode(Object input) {
        if (input == null) {
            return null;
        } else if (input instanceof byte[] bytes) {
            return bytes;
        } else if (input instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } else if (input instanceof JsonObject object) {
            return object.toBuffer().getBytes();
        } else if (input instanceof JsonArray array) {
            return array.toBuffer().getBytes();
        } else if (input instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        try {
            return mapper.writeValueAsBytes(input);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("input of type " + input.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
