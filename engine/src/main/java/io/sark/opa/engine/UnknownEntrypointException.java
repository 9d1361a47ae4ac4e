package io.sark.opa.engine;

/** The entrypoint is not one the policy exports. */
public class UnknownEntrypointException extends OpaException {
    public UnknownEntrypointException(String message) {
        super(message);
    }

    public UnknownEntrypointException(String message, Throwable cause) {
        super(message, cause);
    }
}
