package io.sark.opa.signing;

import io.sark.opa.builtins.crypto.JwsAlgorithm;
import io.sark.opa.builtins.crypto.Pem;
import io.sark.opa.builtins.crypto.Pkcs1;
import io.sark.opa.builtins.crypto.Sec1;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for bundle signatures as OPA reads them (v1/bundle/keys.go, verify.go): an HMAC algorithm takes the text as
 * its secret; the others take PEM, a public key or certificate to verify and a PKCS#8, PKCS#1 or SEC 1 private key
 * to sign.
 */
final class SigningKeys {
    private SigningKeys() {}

    static JwsAlgorithm algorithm(String name) {
        JwsAlgorithm algorithm = JwsAlgorithm.byName(name);
        if (algorithm == null || algorithm == JwsAlgorithm.EdDSA) {
            throw new BundleSignatureException("unsupported signing algorithm '" + name + "'");
        }
        return algorithm;
    }

    static Key verificationKey(String keyId, JwsAlgorithm algorithm, String text) {
        if (algorithm.isHmac()) {
            return secret(text);
        }
        Pem pem = pem("key '" + keyId + "'", text);
        try {
            switch (pem.type()) {
                case "PUBLIC KEY":
                    return keyFactory(algorithm).generatePublic(new X509EncodedKeySpec(pem.bytes()));
                case "CERTIFICATE":
                    return CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(pem.bytes())).getPublicKey();
                default:
                    throw new BundleSignatureException("key '" + keyId + "': a " + pem.type()
                            + " cannot verify; give a PUBLIC KEY or CERTIFICATE");
            }
        } catch (GeneralSecurityException e) {
            throw new BundleSignatureException("key '" + keyId + "': not a " + algorithm + " public key");
        }
    }

    static Key signingKey(JwsAlgorithm algorithm, String text) {
        if (algorithm.isHmac()) {
            return secret(text);
        }
        Pem pem = pem("signing key", text);
        KeySpec spec;
        switch (pem.type()) {
            case "PRIVATE KEY":
                spec = new PKCS8EncodedKeySpec(pem.bytes());
                break;
            case "RSA PRIVATE KEY":
                spec = new PKCS8EncodedKeySpec(Pkcs1.wrapRsaPrivateKey(pem.bytes()));
                break;
            case "EC PRIVATE KEY":
                try {
                    return Sec1.privateKey(pem.bytes());
                } catch (GeneralSecurityException e) {
                    throw new BundleSignatureException("signing key: not an EC private key");
                }
            default:
                throw new BundleSignatureException("signing key: a " + pem.type()
                        + " cannot sign; give a PRIVATE KEY (PKCS#8), RSA PRIVATE KEY or EC PRIVATE KEY");
        }
        try {
            return keyFactory(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new BundleSignatureException("signing key: not a " + algorithm + " private key");
        }
    }

    private static Key secret(String text) {
        byte[] secret = text.getBytes(StandardCharsets.UTF_8);
        // the JDK refuses an empty key spec; HMAC pads keys with zeros, so one zero byte is the same key
        return new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HMAC");
    }

    private static Pem pem(String keyName, String text) {
        Pem pem = Pem.decode(text.strip());
        if (pem == null) {
            throw new BundleSignatureException(keyName + ": not a PEM key");
        }
        return pem;
    }

    private static KeyFactory keyFactory(JwsAlgorithm algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm.name().startsWith("ES") ? "EC" : "RSA");
    }
}
