package io.sark.opa.builtins.values;

import static io.sark.opa.builtins.Args.string;

import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.Json;
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
                Builtin.of("rand.intn", 2, (ctx, a) -> {
                    String key = string("rand.intn", a, 0);
                    BigInteger n = Args.integer("rand.intn", a, 1).abs();
                    if (n.signum() == 0) {
                        return Json.number(0);
                    }
                    Object value = ctx.memo().computeIfAbsent("rand.intn\u0000" + key + "\u0000" + n,
                            k -> new BigInteger(n.bitLength() + 64, RANDOM).mod(n));
                    return Json.number((BigInteger) value);
                }),
                Builtin.of("uuid.parse", 1, (ctx, a) -> UuidFields.parse(string("uuid.parse", a, 0))),
                Builtin.of("uuid.rfc4122", 1, (ctx, a) -> {
                    String key = string("uuid.rfc4122", a, 0);
                    Object value = ctx.memo().computeIfAbsent("uuid.rfc4122\u0000" + key, k -> UUID.randomUUID().toString());
                    return Json.text((String) value);
                }));
    }
}
