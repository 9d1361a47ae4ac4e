package io.sark.opa.bundle;

/** A policy file or bundle that cannot be used; the message names the file and the problem. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
