package io.sark.opa.engine;

/**
 * A builtin failed under strict builtin errors, worded as OPA reports it:
 * {@code eval_builtin_error: graphql.parse: <what went wrong>}, with {@link #code()} the same code
 * ({@code eval_type_error} for a wrong operand). The evaluation stops with it.
 */
public final class StrictBuiltinError extends BuiltinException {

    private final String code;
    private final String builtin;

    private StrictBuiltinError(String code, String builtin, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = code;
        this.builtin = builtin;
    }

    /** The error of {@code builtin} failing with {@code failure}; any exception other than a BuiltinException is a builtin error. */
    static StrictBuiltinError of(String builtin, RuntimeException failure) {
        String code = failure instanceof BuiltinException b ? b.code() : "eval_builtin_error";
        String message = String.valueOf(failure.getMessage());
        String detail = message.startsWith(builtin + ":") ? message : builtin + ": " + message;
        return new StrictBuiltinError(code, builtin, detail, failure);
    }

    @Override
    public String code() {
        return code;
    }

    /** The builtin's OPA name. */
    public String builtin() {
        return builtin;
    }
}
