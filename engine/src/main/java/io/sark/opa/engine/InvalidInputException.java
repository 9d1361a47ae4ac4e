package io.sark.opa.engine;

/** The input is not valid JSON or is larger than allowed. */
public class InvalidInputException extends OpaException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
