package io.sark.opa.engine;

import java.util.Objects;
import java.util.regex.Pattern;

/** What a builtin's name and arity must be for a policy to call it through the ABI. */
final class BuiltinSignature {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private BuiltinSignature() {}

    /** Throws {@link IllegalArgumentException} naming the problem. */
    static void check(String name, int arity) {
        Objects.requireNonNull(name, "builtin name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("builtin name '" + name
                    + "' is not a Rego reference: identifiers (letters, digits, _) joined by dots, e.g. acme.lookup");
        }
        if (arity < 0 || arity > Builtin.MAX_ARITY) {
            throw new IllegalArgumentException("builtin " + name + ": arity " + arity + " is outside 0 to "
                    + Builtin.MAX_ARITY + ", the arities OPA's wasm ABI can import");
        }
    }
}
