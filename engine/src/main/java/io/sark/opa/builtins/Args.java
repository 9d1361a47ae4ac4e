package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.SetNode;

/**
 * OPA's wording for operand and builtin errors ({@code NAME: operand N must be TYPE but got TYPE}), for code that
 * checks values outside a builtin's {@link Operands}.
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
}
