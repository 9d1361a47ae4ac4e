package io.sark.opa.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.engine.InputAsRead;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.engine.ObjectInputProjector;
import io.sark.opa.engine.OpaPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns the input a caller hands the evaluator into JSON bytes: Vert.x JSON, JSON text or bytes as they
 * are, everything else (maps, Jackson nodes, POJOs) through the application's Jackson mapper. Maps, lists and
 * JSON containers are kept as objects ({@link Input}), and only the parts a policy reads are written when that
 * is all it needs.
 */
final class InputEncoder {

    private final ObjectMapper mapper;
    private final ObjectInputProjector projector;

    InputEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
        this.projector = new ObjectInputProjector(mapper, InputEncoder::plainContainer);
    }

    private static Object plainContainer(Object value) {
        if (value instanceof JsonObject object) {
            return object.getMap();
        } else if (value instanceof JsonArray array) {
            return array.getList();
        }
        return value;
    }

    /** The caller's input for the engines: objects kept as they are when only parts of them may be needed. */
    Input input(Object input) {
        if (input instanceof Map || input instanceof List || input instanceof JsonObject || input instanceof JsonArray
                || input instanceof JsonNode) {
            return Input.objects(input, this);
        }
        return Input.json(encode(input));
    }

    /** What {@link ObjectInputProjector#inputAsRead} makes of {@code input}; {@code null} to write all of it. */
    InputAsRead project(OpaPolicy policy, String entrypoint, Object input) {
        return projector.inputAsRead(policy, entrypoint, input);
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
