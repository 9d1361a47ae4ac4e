package io.sark.opa.builtins;

import io.sark.opa.engine.BuiltinException;

/**
 * An operand of the wrong type: OPA's {@code eval_type_error}, as opposed to the {@code eval_builtin_error}
 * of a plain {@link BuiltinException}. Message as OPA words it, e.g.
 * {@code base64.encode: operand 1 must be string but got number}.
 */
public class BuiltinTypeException extends BuiltinException {
    public BuiltinTypeException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "eval_type_error";
    }
}
