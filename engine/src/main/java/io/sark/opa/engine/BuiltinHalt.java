package io.sark.opa.engine;

/**
 * A builtin error that stops the evaluation whether or not builtin errors are strict: OPA's {@code topdown.Halt},
 * e.g. {@code eval_conflict_error: template-strings must not produce multiple outputs}.
 */
public final class BuiltinHalt extends BuiltinException {
    private final String code;

    public BuiltinHalt(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
