package io.sark.opa.builtins.values;


import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/**
 * Non-deterministic builtins, memoised in the evaluation's {@link io.sark.opa.engine.BuiltinContext}: the same
 * call within one decision gives the same value, as in OPA.
 */
public final class RandomBuiltins {
    private RandomBuiltins() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("rand.intn", 2, (ctx, a) -> {
                    String key = a.string(0);
                    BigInteger n = a.integer(1).abs();
                    if (n.signum() == 0) {
                        return Json.number(0);
                    }
                    Object value = ctx.memo().computeIfAbsent("rand.intn\u0000" + key + "\u0000" + n,
                            k -> new BigInteger(n.bitLength() + 64, RANDOM).mod(n));
                    return Json.number((BigInteger) value);
                }),
                Operands.builtin("uuid.parse", 1, (ctx, a) -> UuidFields.parse(a.string(0))),
                Operands.builtin("uuid.rfc4122", 1, (ctx, a) -> {
                    String key = a.string(0);
                    Object value = ctx.memo().computeIfAbsent("uuid.rfc4122\u0000" + key, k -> UUID.randomUUID().toString());
                    return Json.text((String) value);
                }));
    }
}
