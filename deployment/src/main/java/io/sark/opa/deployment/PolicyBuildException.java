package io.sark.opa.deployment;

/** A policy that cannot go into the application: the build fails with a message naming the file and problem. */
public class PolicyBuildException extends RuntimeException {
    public PolicyBuildException(String message) {
        super(message);
    }

    public PolicyBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
