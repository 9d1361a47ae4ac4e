package io.sark.opa.signing;

/** A bundle whose {@code .signatures.json} is missing, malformed or does not match its files; the message says why. */
public class BundleSignatureException extends RuntimeException {
    public BundleSignatureException(String message) {
        super(message, null, false, false);
    }
}
