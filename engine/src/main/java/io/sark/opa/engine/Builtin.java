package io.sark.opa.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A host implementation of an OPA builtin that a wasm module imports through {@code opa_builtinN}.
 * Arguments and result are JSON values (sets arrive as arrays, as the ABI's JSON dump gives them).
 * Return {@code null} for "undefined"; throw {@link BuiltinException} for an error.
 *
 * <p>API CONTRACT (being implemented).
 */
public interface Builtin {

    /** OPA's name, e.g. {@code sprintf} or {@code time.now_ns}. */
    String name();

    /** Number of arguments (0 to 4 through the ABI). */
    int arity();

    JsonNode call(BuiltinContext context, JsonNode... args);
}
