package io.sark.opa.rego;

/**
 * One error of a Rego program, as OPA's {@code ast.Error} (v1/ast/errors.go): a code, where, and what is wrong.
 * Reads {@code file:row:col: code: message}.
 */
public record RegoError(String code, Location location, String message) {
    public static final String PARSE = "rego_parse_error";
    public static final String COMPILE = "rego_compile_error";
    public static final String TYPE = "rego_type_error";
    public static final String UNSAFE_VAR = "rego_unsafe_var_error";
    public static final String RECURSION = "rego_recursion_error";

    @Override
    public String toString() {
        return (location == null ? "" : location + ": ") + code + ": " + message;
    }
}
