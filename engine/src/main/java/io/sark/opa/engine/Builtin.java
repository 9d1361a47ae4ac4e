package io.sark.opa.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A host implementation of an OPA builtin that a wasm module imports through {@code opa_builtinN}.
 * Arguments and result are JSON values (sets arrive as arrays, as the ABI's JSON dump gives them).
 * Return {@code null} for "undefined"; throw {@link BuiltinException} for an error: OPA's
 * {@code eval_builtin_error}, or {@code eval_type_error} when it is an
 * {@code io.sark.opa.builtins.BuiltinTypeException}. Without strict builtin errors the host treats either
 * as undefined, as OPA does. Implementations are stateless and thread-safe; per-evaluation state lives in
 * the {@link BuiltinContext}.
 */
public interface Builtin {

    /** Most arguments a builtin can take: the ABI imports {@code opa_builtin0} to {@code opa_builtin4}. */
    int MAX_ARITY = 4;

    /** OPA's name, e.g. {@code sprintf} or {@code time.now_ns}. */
    String name();

    /** Number of arguments (0 to 4 through the ABI). */
    int arity();

    JsonNode call(BuiltinContext context, JsonNode... args);

    /**
     * True when OPA's result is a set: the JSON array returned holds distinct elements in OPA's order, and
     * the host may rebuild a set from it (the ABI's JSON parser would otherwise make it an array).
     */
    default boolean returnsSet() {
        return false;
    }

    /**
     * True when the builtin must tell sets from arrays (or see object keys that are not strings): its arguments
     * then arrive with sets as {@link SetNode}s and such objects as {@link KeyedObjectNode}s (read with the
     * module's {@code opa_value_dump}), and both go back as they are in its result.
     */
    default boolean seesSets() {
        return false;
    }

    /** {@code builtin}, receiving and returning sets as {@link SetNode}s (see {@link #seesSets()}). */
    static Builtin seeingSets(Builtin builtin) {
        return new Builtin() {
            @Override
            public String name() {
                return builtin.name();
            }

            @Override
            public int arity() {
                return builtin.arity();
            }

            @Override
            public JsonNode call(BuiltinContext context, JsonNode... args) {
                return builtin.call(context, args);
            }

            @Override
            public boolean returnsSet() {
                return builtin.returnsSet();
            }

            @Override
            public boolean seesSets() {
                return true;
            }

            @Override
            public String toString() {
                return builtin.toString();
            }
        };
    }

    /** The body of a builtin: arguments in, result out ({@code null} for undefined). */
    @FunctionalInterface
    interface Body {
        JsonNode apply(BuiltinContext context, JsonNode[] args);
    }

    /**
     * A builtin from its OPA name ({@code acme.lookup}: identifiers joined by dots, as a Rego call names it),
     * arity (0 to {@link #MAX_ARITY}) and body; the call checks the argument count. This is how an application
     * adds its own builtins: {@code Builtins.defaults().with(Builtin.of(...))}.
     */
    static Builtin of(String name, int arity, Body body) {
        return of(name, arity, false, body);
    }

    /** As {@link #of}, for a builtin whose OPA result is a set (see {@link #returnsSet()}). */
    static Builtin ofSet(String name, int arity, Body body) {
        return of(name, arity, true, body);
    }

    private static Builtin of(String name, int arity, boolean set, Body body) {
        BuiltinSignature.check(name, arity);
        Objects.requireNonNull(body, "builtin body of " + name);
        return new Builtin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int arity() {
                return arity;
            }

            @Override
            public JsonNode call(BuiltinContext context, JsonNode... args) {
                if (args.length != arity) {
                    throw new BuiltinException(name + ": expected " + arity + " arguments, got " + args.length);
                }
                return body.apply(context, args);
            }

            @Override
            public boolean returnsSet() {
                return set;
            }

            @Override
            public String toString() {
                return name + "/" + arity;
            }
        };
    }
}
