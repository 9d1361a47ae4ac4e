package io.sark.opa.runtime.bundles;

/** A bundle that cannot be activated, or cannot be downloaded; its message names the problem, without the bundle's name. */
public final class BundleException extends RuntimeException {

    public BundleException(String message) {
        super(message, null, false, false);
    }
}
