package io.sark.opa.engine;

/** The module called opa_abort or trapped; carries the module's message. */
public class PolicyAbortException extends OpaException {
    public PolicyAbortException(String message) {
        super(message);
    }

    public PolicyAbortException(String message, Throwable cause) {
        super(message, cause);
    }
}
