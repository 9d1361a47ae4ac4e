package io.sark.opa.signing;

/**
 * A key that bundle signatures verify against, as OPA's {@code keys.<id>}: {@code key} is a PEM public key or
 * certificate, or the HMAC secret itself; {@code algorithm} is a JWS algorithm, RS256 when null.
 */
public record VerificationKey(String key, String algorithm) {
    public VerificationKey {
        if (key == null) {
            throw new IllegalArgumentException("a verification key needs its key");
        }
        algorithm = algorithm == null || algorithm.isEmpty() ? BundleSigner.DEFAULT_ALGORITHM : algorithm;
    }
}
