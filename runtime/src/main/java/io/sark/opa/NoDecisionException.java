package io.sark.opa;

import io.sark.opa.engine.OpaException;

/** Every engine asked for a decision failed; the message carries each engine's cause. Deny. */
public class NoDecisionException extends OpaException {
    public NoDecisionException(String entrypoint, Throwable embedded, Throwable remote) {
        super("no engine decided '" + entrypoint + "': embedded failed (" + embedded.getMessage()
                + "), then remote failed (" + remote.getMessage() + ")", embedded);
        addSuppressed(remote);
    }
}
