package io.sark.opa.conformance;

/** Evaluation stopped with an error: OPA's error code (e.g. {@code eval_conflict_error}) when known, and the message. */
public final class EvalError extends RuntimeException {
    private final String code;

    public EvalError(String code, String message) {
        super(message);
        this.code = code;
    }

    /** OPA's error code, or {@code null} when the message carries none. */
    public String code() {
        return code;
    }

    /** The code named in an abort message ("file:row:col: eval_type_error: ..."), or null. */
    static String codeIn(String message) {
        for (String c : new String[] {"eval_conflict_error", "eval_type_error", "eval_builtin_error"}) {
            if (message.contains(c + ":") || message.startsWith(c)) {
                return c;
            }
        }
        return null;
    }
}
