package io.sark.opa.builtins.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * JDK keys for OKP JWKs (RFC 8037) on Ed25519, the one curve OPA's JWS library signs EdDSA with. The JOSE library
 * leaves OKP keys out of its JDK export, so the raw x and d octets are turned into JDK EdEC keys here.
 */
final class Ed25519Keys {
    private Ed25519Keys() {}

    static PublicKey publicKey(OctetKeyPair okp) throws JOSEException {
        byte[] x = ed25519(okp).getDecodedX();
        if (x.length != 32) {
            throw new JOSEException("an Ed25519 public key (x) must be 32 bytes, not " + x.length);
        }
        // RFC 8032 5.1.2: y little-endian, with the top bit of the last byte telling whether x is odd.
        boolean xOdd = (x[31] & 0x80) != 0;
        byte[] y = new byte[32];
        for (int i = 0; i < 32; i++) {
            y[i] = x[31 - i];
        }
        y[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, y));
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("invalid Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(OctetKeyPair okp) throws JOSEException {
        if (!okp.isPrivate()) {
            throw new JOSEException("an Ed25519 private key (d) is needed to sign");
        }
        byte[] d = ed25519(okp).getDecodedD();
        if (d.length != 32) {
            throw new JOSEException("an Ed25519 private key (d) must be 32 bytes, not " + d.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, d));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("invalid Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static OctetKeyPair ed25519(OctetKeyPair okp) throws JOSEException {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
            throw new JOSEException("unsupported OKP curve " + okp.getCurve());
        }
        return okp;
    }
}
