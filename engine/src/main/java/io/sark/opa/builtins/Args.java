package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.SetNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Operand checks with OPA's wording ({@code NAME: operand N must be TYPE but got TYPE}). Sets arrive as JSON
 * arrays, so a "set" operand accepts an array.
 */
public final class Args {
    private Args() {}

    /** OPA's type name of a JSON value. */
    public static String typeName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return value instanceof SetNode ? "set" : "array";
        }
        return "object";
    }

    public static BuiltinTypeException typeError(String builtin, int operand, String expected, JsonNode got) {
        return new BuiltinTypeException(
                builtin + ": operand " + operand + " must be " + expected + " but got " + typeName(got));
    }

    public static BuiltinException error(String builtin, String message) {
        return new BuiltinException(builtin + ": " + message);
    }

    public static String string(String builtin, JsonNode[] args, int index) {
        JsonNode value = args[index];
        if (value == null || !value.isTextual()) {
            throw typeError(builtin, index + 1, "string", value);
        }
        return value.textValue();
    }

    public static boolean bool(String builtin, JsonNode[] args, int index) {
        JsonNode value = args[index];
        if (value == null || !value.isBoolean()) {
            throw typeError(builtin, index + 1, "boolean", value);
        }
        return value.booleanValue();
    }

    public static JsonNode number(String builtin, JsonNode[] args, int index) {
        JsonNode value = args[index];
        if (value == null || !value.isNumber()) {
            throw typeError(builtin, index + 1, "number", value);
        }
        return value;
    }

    public static BigDecimal decimal(String builtin, JsonNode[] args, int index) {
        return number(builtin, args, index).decimalValue();
    }

    /** A number that must be integral (OPA: "operand N must be integer number but got floating-point number"). */
    public static BigInteger integer(String builtin, JsonNode[] args, int index) {
        BigDecimal value = decimal(builtin, args, index);
        try {
            return value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new BuiltinTypeException(builtin + ": operand " + (index + 1)
                    + " must be integer number but got floating-point number");
        }
    }

    public static int intValue(String builtin, JsonNode[] args, int index) {
        BigInteger value = integer(builtin, args, index);
        if (value.bitLength() > 31) {
            throw error(builtin, "operand " + (index + 1) + " out of range: " + value);
        }
        return value.intValue();
    }

    public static long longValue(String builtin, JsonNode[] args, int index) {
        BigInteger value = integer(builtin, args, index);
        if (value.bitLength() > 63) {
            throw error(builtin, "operand " + (index + 1) + " out of range: " + value);
        }
        return value.longValue();
    }

    public static ObjectNode object(String builtin, JsonNode[] args, int index) {
        JsonNode value = args[index];
        if (value == null || !value.isObject()) {
            throw typeError(builtin, index + 1, "object", value);
        }
        return (ObjectNode) value;
    }

    public static ArrayNode array(String builtin, JsonNode[] args, int index) {
        JsonNode value = args[index];
        if (value == null || !value.isArray()) {
            throw typeError(builtin, index + 1, "array", value);
        }
        return (ArrayNode) value;
    }

    /** A set operand (a JSON array after the ABI's dump). */
    public static ArrayNode set(String builtin, JsonNode[] args, int index) {
        JsonNode value = args[index];
        if (value == null || !value.isArray()) {
            throw typeError(builtin, index + 1, "set", value);
        }
        return (ArrayNode) value;
    }

    /** Strings of an array or set operand; {@code what} names the accepted kinds for the error. */
    public static List<String> strings(String builtin, JsonNode[] args, int index, String what) {
        JsonNode value = args[index];
        if (value == null || !value.isArray()) {
            throw typeError(builtin, index + 1, what, value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new BuiltinTypeException(builtin + ": operand " + (index + 1)
                        + " must be array of strings but got array containing " + typeName(element));
            }
            out.add(element.textValue());
        }
        return out;
    }
}
