package io.sark.opa.engine;

/** The module or its data cannot be loaded (not OPA ABI, unsupported ABI version, unknown builtin, bad data). */
public class PolicyLoadException extends OpaException {
    public PolicyLoadException(String message) {
        super(message);
    }

    public PolicyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
