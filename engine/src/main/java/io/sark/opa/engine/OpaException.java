package io.sark.opa.engine;

/** Base of every engine failure; messages name the policy and the problem. */
public class OpaException extends RuntimeException {
    public OpaException(String message) {
        super(message);
    }

    public OpaException(String message, Throwable cause) {
        super(message, cause);
    }
}
