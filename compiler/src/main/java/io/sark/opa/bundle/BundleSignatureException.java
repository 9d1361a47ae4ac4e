package io.sark.opa.bundle;

/** A bundle whose {@code .signatures.json} is missing, malformed or does not match its files; the message says why. */
public class BundleSignatureException extends BundleException {
    public BundleSignatureException(String message) {
        super(message);
    }
}
