package io.sark.opa.builtins.values;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/** {@code bits.*} on arbitrary-size integers, {@code numbers.range}, {@code numbers.range_step}, {@code to_number}. */
public final class NumberBuiltins {
    private NumberBuiltins() {}

    /** Ranges longer than this fail instead of exhausting the heap of the process that hosts the policy. */
    public static final int MAX_RANGE = 1_000_000;

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("bits.and", 2, (ctx, a) -> Json.number(a.integer(0).and(a.integer(1)))),
                Operands.builtin("bits.or", 2, (ctx, a) -> Json.number(a.integer(0).or(a.integer(1)))),
                Operands.builtin("bits.xor", 2, (ctx, a) -> Json.number(a.integer(0).xor(a.integer(1)))),
                Operands.builtin("bits.negate", 1, (ctx, a) -> Json.number(a.integer(0).not())),
                Operands.builtin("bits.lsh", 2, (ctx, a) -> Json.number(a.integer(0).shiftLeft(shift(a)))),
                Operands.builtin("bits.rsh", 2, (ctx, a) -> Json.number(a.integer(0).shiftRight(shift(a)))),
                Operands.builtin("numbers.range", 2, (ctx, a) -> range(a.builtin(), a.integer(0),
                        a.integer(1), BigInteger.ONE)),
                Operands.builtin("numbers.range_step", 3, (ctx, a) -> {
                    BigInteger step = a.integer(2);
                    if (step.signum() <= 0) {
                        throw new BuiltinException("numbers.range_step: step must be a positive integer");
                    }
                    return range(a.builtin(), a.integer(0), a.integer(1), step);
                }),
                Operands.builtin("to_number", 1, (ctx, a) -> toNumber(a)));
    }

    private static int shift(Operands a) {
        BigInteger n = a.integer(1);
        if (n.signum() < 0) {
            throw new BuiltinTypeException(a.builtin() + ": operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (n.bitLength() > 16) {
            throw new BuiltinException(a.builtin() + ": shift of " + n + " bits is too large");
        }
        return n.intValue();
    }

    /** From {@code from} towards {@code to}, both included, ascending or descending. */
    static JsonNode range(String name, BigInteger from, BigInteger to, BigInteger step) {
        BigInteger length = to.subtract(from).abs().divide(step).add(BigInteger.ONE);
        if (length.compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw new BuiltinException(name + ": range of " + length + " numbers exceeds the limit of " + MAX_RANGE);
        }
        ArrayNode out = Json.array();
        BigInteger delta = from.compareTo(to) <= 0 ? step : step.negate();
        BigInteger current = from;
        for (int i = 0; i < length.intValue(); i++) {
            out.add(Json.number(current));
            current = current.add(delta);
        }
        return out;
    }

    /** null is 0, booleans 0 or 1, numbers themselves, strings parsed as decimal numbers. */
    static JsonNode toNumber(Operands a) {
        JsonNode v = a.get(0);
        if (v == null || v.isNull()) {
            return Json.number(0);
        }
        if (v.isBoolean()) {
            return Json.number(v.booleanValue() ? 1 : 0);
        }
        if (v.isNumber()) {
            return v;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            // Go's ParseFloat reads these; OPA refuses them (v1/topdown/casts.go)
            if (s.replaceFirst("^[+-]+", "").toLowerCase(Locale.ROOT).matches("inf|infinity|nan")) {
                throw a.typeError(1, "valid number string", v);
            }
            String digits = s.startsWith("+") ? s.substring(1) : s;
            if (!digits.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw a.error("strconv.ParseFloat: parsing \"" + s + "\": invalid syntax");
            }
            BigDecimal number = new BigDecimal(digits);
            return digits.matches("-?\\d+") ? Json.number(number.toBigIntegerExact()) : Json.NODES.numberNode(number);
        }
        throw a.typeError(1, "one of {null, boolean, number, string}", v);
    }
}
