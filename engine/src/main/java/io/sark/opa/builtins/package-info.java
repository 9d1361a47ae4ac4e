/**
 * OPA's builtins implemented in Java for the wasm host, one subpackage per family: {@code text} (strings, regex,
 * globs, semver, units), {@code encoding} (base64, URL, JSON, YAML, schemas), {@code crypto} (hashes, JWT, X.509,
 * keys, AWS signing), {@code net}, {@code time}, {@code values} (objects, JSON paths, graphs, numbers, random),
 * {@code graphql}, and {@code go} (Go's formats: durations, time layouts, fmt, JSON, templates, schema messages).
 * {@link io.sark.opa.builtins.catalog.Catalogue} lists them and {@link io.sark.opa.engine.Builtins#defaults()}
 * serves them; {@link io.sark.opa.builtins.catalog.OpaBuiltinList} holds OPA's full builtin list as data,
 * {@link io.sark.opa.builtins.catalog.BuiltinStatus} says where each one runs and
 * {@link io.sark.opa.builtins.catalog.BuiltinsDocument} renders that as {@code docs/builtins.md}. This package holds
 * what the families share: operand checks ({@link io.sark.opa.builtins.Args}), JSON values and Rego's comparison.
 *
 * <p>Semantics are OPA's (Go's where OPA delegates to Go): operand errors are
 * {@link io.sark.opa.builtins.BuiltinTypeException}s ({@code eval_type_error}), other failures plain
 * {@link io.sark.opa.engine.BuiltinException}s ({@code eval_builtin_error}), "undefined" is a null result.
 */
package io.sark.opa.builtins;
