package io.sark.opa.engine;

/** A builtin failed; an evaluation error in strict mode, undefined otherwise. */
public class BuiltinException extends OpaException {
    public BuiltinException(String message) {
        super(message);
    }

    public BuiltinException(String message, Throwable cause) {
        super(message, cause);
    }

    /** OPA's error code: {@code eval_builtin_error}, or {@code eval_type_error} for a wrong operand. */
    public String code() {
        return "eval_builtin_error";
    }
}
