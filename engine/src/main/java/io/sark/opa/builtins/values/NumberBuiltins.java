package io.sark.opa.builtins.values;

import static io.sark.opa.builtins.Args.integer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
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
                Builtin.of("bits.and", 2, (ctx, a) -> Json.number(integer("bits.and", a, 0).and(integer("bits.and", a, 1)))),
                Builtin.of("bits.or", 2, (ctx, a) -> Json.number(integer("bits.or", a, 0).or(integer("bits.or", a, 1)))),
                Builtin.of("bits.xor", 2, (ctx, a) -> Json.number(integer("bits.xor", a, 0).xor(integer("bits.xor", a, 1)))),
                Builtin.of("bits.negate", 1, (ctx, a) -> Json.number(integer("bits.negate", a, 0).not())),
                Builtin.of("bits.lsh", 2, (ctx, a) -> Json.number(integer("bits.lsh", a, 0).shiftLeft(shift("bits.lsh", a)))),
                Builtin.of("bits.rsh", 2, (ctx, a) -> Json.number(integer("bits.rsh", a, 0).shiftRight(shift("bits.rsh", a)))),
                Builtin.of("numbers.range", 2, (ctx, a) -> range("numbers.range", integer("numbers.range", a, 0),
                        integer("numbers.range", a, 1), BigInteger.ONE)),
                Builtin.of("numbers.range_step", 3, (ctx, a) -> {
                    BigInteger step = integer("numbers.range_step", a, 2);
                    if (step.signum() <= 0) {
                        throw new BuiltinException("numbers.range_step: step must be a positive integer");
                    }
                    return range("numbers.range_step", integer("numbers.range_step", a, 0), integer("numbers.range_step", a, 1), step);
                }),
                Builtin.of("to_number", 1, (ctx, a) -> toNumber(a[0])));
    }

    private static int shift(String name, JsonNode[] a) {
        BigInteger n = integer(name, a, 1);
        if (n.signum() < 0) {
            throw new BuiltinTypeException(name + ": operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (n.bitLength() > 16) {
            throw new BuiltinException(name + ": shift of " + n + " bits is too large");
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
    static JsonNode toNumber(JsonNode v) {
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
                throw Args.typeError("to_number", 1, "valid number string", v);
            }
            String digits = s.startsWith("+") ? s.substring(1) : s;
            if (!digits.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw new BuiltinException("to_number: strconv.ParseFloat: parsing \"" + s + "\": invalid syntax");
            }
            BigDecimal number = new BigDecimal(digits);
            return digits.matches("-?\\d+") ? Json.number(number.toBigIntegerExact()) : Json.NODES.numberNode(number);
        }
        throw Args.typeError("to_number", 1, "one of {null, boolean, number, string}", v);
    }
}
