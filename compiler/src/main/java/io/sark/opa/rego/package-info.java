/**
 * Rego source to AST: {@link io.sark.opa.rego.RegoParser} is the entry point. {@code Lexer} makes tokens,
 * {@code ModuleParser} reads package, imports and rules, {@code ExprParser} reads bodies, expressions and terms. The
 * AST ({@link io.sark.opa.rego.RegoModule}, {@link io.sark.opa.rego.Rule}, {@link io.sark.opa.rego.Literal},
 * {@link io.sark.opa.rego.Expr}, {@link io.sark.opa.rego.Term}) is made of records, each with a
 * {@link io.sark.opa.rego.Location}. Infix operators become calls named as OPA names them ({@link
 * io.sark.opa.rego.Operator}), so later stages see one form.
 */
package io.sark.opa.rego;
