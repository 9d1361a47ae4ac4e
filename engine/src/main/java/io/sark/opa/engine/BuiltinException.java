package io.sark.opa.engine;

/** A builtin failed; an evaluation error in strict mode, undefined otherwise. */
public class BuiltinException extends OpaException {
    public BuiltinException(String message) {
        super(message);
    }

    public BuiltinException(String message, Throwable cause) {
        super(message, cause);
    }
}
