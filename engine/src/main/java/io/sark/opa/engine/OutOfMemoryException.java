package io.sark.opa.engine;

/** The instance needed more linear memory than its limit. */
public class OutOfMemoryException extends OpaException {
    public OutOfMemoryException(String message) {
        super(message);
    }

    public OutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
