package io.sark.opa.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/** JSON values as builtins produce them: exact numbers (Rego numbers are arbitrary precision). */
public final class Json {
    private Json() {}

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static TextNode text(String value) {
        return TextNode.valueOf(value);
    }

    public static BooleanNode bool(boolean value) {
        return BooleanNode.valueOf(value);
    }

    public static NumericNode number(long value) {
        return NODES.numberNode(value);
    }

    public static JsonNode number(BigInteger value) {
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    /** A decimal as an integer node when it is integral, so that 2.0 prints as 2 (as OPA's numbers do). */
    public static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return number(stripped.toBigIntegerExact());
        }
        return NODES.numberNode(stripped);
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    public static String write(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON value", e);
        }
    }
}
