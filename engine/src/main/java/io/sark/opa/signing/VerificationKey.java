package io.sark.opa.signing;

/**
 * A key that bundle signatures verify against, as OPA's {@code keys.<id>}: {@code key} is a PEM public key or
 * certificate, or the HMAC secret itself; {@code algorithm} is a JWS algorithm, RS256 when null; {@code scope} is
 * the scope a signature must carry when the bundle's own verification names none ({@code ""} when null).
 */
public record VerificationKey(String key, String algorithm, String scope) {
    public VerificationKey {
        if (key == null) {
            throw new IllegalArgumentException("a verification key needs its key");
        }
        algorithm = algorithm == null || algorithm.isEmpty() ? BundleSigner.DEFAULT_ALGORITHM : algorithm;
        scope = scope == null ? "" : scope;
    }

    public VerificationKey(String key, String algorithm) {
        this(key, algorithm, null);
    }
}
