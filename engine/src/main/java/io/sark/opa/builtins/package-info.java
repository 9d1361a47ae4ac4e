/**
 * OPA's builtins implemented in Java for the wasm host: {@link io.sark.opa.builtins.Catalogue} lists them,
 * one class per family ({@code StringBuiltins}, {@code TimeBuiltins}, {@code JwtBuiltins}, ...), and
 * {@link io.sark.opa.engine.Builtins#defaults()} serves them. {@link io.sark.opa.builtins.OpaBuiltinList}
 * holds OPA's full builtin list as data and {@link io.sark.opa.builtins.BuiltinStatus} says where each one
 * runs; {@link io.sark.opa.builtins.BuiltinsDocument} renders that as {@code docs/builtins.md}.
 *
 * <p>Semantics are OPA's (Go's where OPA delegates to Go): operand errors are
 * {@link io.sark.opa.builtins.BuiltinTypeException}s ({@code eval_type_error}), other failures plain
 * {@link io.sark.opa.engine.BuiltinException}s ({@code eval_builtin_error}), "undefined" is a null result.
 */
package io.sark.opa.builtins;
