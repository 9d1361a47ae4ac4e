package io.sark.opa.ir;

/** Plan JSON that cannot be read: names the source and where in the plan the problem is. */
public final class PlanFormatException extends RuntimeException {
    public PlanFormatException(String message) {
        super(message);
    }

    public PlanFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
