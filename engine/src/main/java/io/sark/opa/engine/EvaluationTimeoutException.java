package io.sark.opa.engine;

/** The evaluation ran longer than its timeout and was stopped. */
public class EvaluationTimeoutException extends OpaException {
    public EvaluationTimeoutException(String message) {
        super(message);
    }

    public EvaluationTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
