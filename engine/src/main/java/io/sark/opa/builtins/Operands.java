package io.sark.opa.builtins;

import static io.sark.opa.builtins.Args.typeError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinContext;
import io.sark.opa.engine.BuiltinException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The operands of one builtin call, bound to the builtin's name so that every read checks its type and fails with
 * OPA's wording ({@code NAME: operand N must be TYPE but got TYPE}) without the body repeating the name. Reads
 * take 0-based indexes; messages count operands from 1, as OPA does. Sets arrive as JSON arrays (unless the
 * builtin sees sets), so a "set" operand accepts an array.
 */
public final class Operands {
    private final String builtin;
    private final JsonNode[] args;

    private Operands(String builtin, JsonNode[] args) {
        this.builtin = builtin;
        this.args = args;
    }

    /** The body of a host builtin, reading its operands through {@link Operands}. */
    @FunctionalInterface
    public interface Body {
        JsonNode apply(BuiltinContext context, Operands operands);
    }

    /** A builtin whose body reads operands bound to {@code name}. */
    public static Builtin builtin(String name, int arity, Body body) {
        return Builtin.of(name, arity, (ctx, args) -> body.apply(ctx, new Operands(name, args)));
    }

    /** As {@link #builtin}, for a builtin whose OPA result is a set. */
    public static Builtin setBuiltin(String name, int arity, Body body) {
        return Builtin.ofSet(name, arity, (ctx, args) -> body.apply(ctx, new Operands(name, args)));
    }

    /** The builtin's OPA name, for messages that are not about one operand's type. */
    public String builtin() {
        return builtin;
    }

    /** The operand at {@code index}, unchecked. */
    public JsonNode get(int index) {
        return args[index];
    }

    /** {@code NAME: operand OPERAND must be EXPECTED but got TYPE}; {@code operand} counts from 1. */
    public BuiltinTypeException typeError(int operand, String expected, JsonNode got) {
        return Args.typeError(builtin, operand, expected, got);
    }

    /** {@code NAME: MESSAGE}, an {@code eval_builtin_error}. */
    public BuiltinException error(String message) {
        return Args.error(builtin, message);
    }

    public String string(int index) {
        JsonNode value = args[index];
        if (value == null || !value.isTextual()) {
            throw typeError(index + 1, "string", value);
        }
        return value.textValue();
    }

    public boolean bool(int index) {
        JsonNode value = args[index];
        if (value == null || !value.isBoolean()) {
            throw typeError(index + 1, "boolean", value);
        }
        return value.booleanValue();
    }

    public JsonNode number(int index) {
        JsonNode value = args[index];
        if (value == null || !value.isNumber()) {
            throw typeError(index + 1, "number", value);
        }
        return value;
    }

    public BigDecimal decimal(int index) {
        return number(index).decimalValue();
    }

    /** A number that must be integral (OPA: "operand N must be integer number but got floating-point number"). */
    public BigInteger integer(int index) {
        BigDecimal value = decimal(index);
        try {
            return value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new BuiltinTypeException(builtin + ": operand " + (index + 1)
                    + " must be integer number but got floating-point number");
        }
    }

    public int intValue(int index) {
        BigInteger value = integer(index);
        if (value.bitLength() > 31) {
            throw error("operand " + (index + 1) + " out of range: " + value);
        }
        return value.intValue();
    }

    public long longValue(int index) {
        BigInteger value = integer(index);
        if (value.bitLength() > 63) {
            throw error("operand " + (index + 1) + " out of range: " + value);
        }
        return value.longValue();
    }

    public ObjectNode object(int index) {
        JsonNode value = args[index];
        if (value == null || !value.isObject()) {
            throw typeError(index + 1, "object", value);
        }
        return (ObjectNode) value;
    }

    public ArrayNode array(int index) {
        JsonNode value = args[index];
        if (value == null || !value.isArray()) {
            throw typeError(index + 1, "array", value);
        }
        return (ArrayNode) value;
    }

    /** A set operand (a JSON array after the ABI's dump). */
    public ArrayNode set(int index) {
        JsonNode value = args[index];
        if (value == null || !value.isArray()) {
            throw typeError(index + 1, "set", value);
        }
        return (ArrayNode) value;
    }

    /** Strings of an array or set operand; {@code what} names the accepted kinds for the error. */
    public List<String> strings(int index, String what) {
        JsonNode value = args[index];
        if (value == null || !value.isArray()) {
            throw typeError(index + 1, what, value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new BuiltinTypeException(builtin + ": operand " + (index + 1)
                        + " must be array of strings but got array containing " + Args.typeName(element));
            }
            out.add(element.textValue());
        }
        return out;
    }
}
