package io.sark.opa;

import io.sark.opa.engine.OpaException;

/** The remote OPA server gave no decision: unreachable, too slow, busy, or it answered an error. */
public class RemoteEvaluationException extends OpaException {
    public RemoteEvaluationException(String message) {
        super(message);
    }

    public RemoteEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
