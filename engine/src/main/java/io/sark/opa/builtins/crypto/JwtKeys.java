package io.sark.opa.builtins.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.sark.opa.builtins.CompiledCache;
import io.sark.opa.engine.BuiltinException;
import java.io.ByteArrayInputStream;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/** Keys for JWT verification: a PEM certificate, a PEM public key, a JWK or a JWK set (OPA accepts all four). */
final class JwtKeys {
    private JwtKeys() {}

    /** A key with the {@code kid} it was published under (JWK sets only). */
    record KeyWithId(String kid, Key key) {}

    /** Gateways verify every request against the same few keys: parse each text once. */
    private static final CompiledCache<List<KeyWithId>> CACHE = new CompiledCache<>();

    static List<KeyWithId> parse(String name, String certOrJwk) {
        return CACHE.get(certOrJwk, text -> parseNow(name, text));
    }

    private static List<KeyWithId> parseNow(String name, String certOrJwk) {
        Pem pem = Pem.decode(certOrJwk);
        if (pem != null) {
            if (!pem.rest().isEmpty()) {
                throw new BuiltinException(name + ": extra data after a PEM certificate block");
            }
            if (pem.type().equals("CERTIFICATE")) {
                try {
                    PublicKey key = CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(pem.bytes()))
                            .getPublicKey();
                    return List.of(new KeyWithId(null, key));
                } catch (CertificateException e) {
                    throw new BuiltinException(name + ": failed to parse a PEM certificate: " + e.getMessage(), e);
                }
            }
            if (pem.type().equals("PUBLIC KEY")) {
                return List.of(new KeyWithId(null, publicKey(name, pem.bytes())));
            }
            throw new BuiltinException(name + ": failed to extract a Key from the PEM certificate");
        }
        try {
            List<JWK> jwks = certOrJwk.contains("\"keys\"")
                    ? JWKSet.parse(certOrJwk).getKeys()
                    : List.of(JWK.parse(certOrJwk));
            List<KeyWithId> keys = new ArrayList<>();
            for (JWK jwk : jwks) {
                keys.add(new KeyWithId(jwk.getKeyID(), verificationKey(jwk)));
            }
            return keys;
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new BuiltinException(name + ": failed to parse a JWK key (set): " + e.getMessage(), e);
        }
    }

    /** A PKIX (SubjectPublicKeyInfo) public key of any algorithm Go's x509 parses. */
    static PublicKey publicKey(String name, byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception e) {
                // try the next algorithm
            }
        }
        throw new BuiltinException(name + ": failed to parse a PEM public key");
    }

    static Key verificationKey(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        if (jwk instanceof OctetSequenceKey oct) {
            return new SecretKeySpec(oct.toByteArray(), "HMAC");
        }
        if (jwk instanceof OctetKeyPair okp) {
            return Ed25519Keys.publicKey(okp);
        }
        throw new JOSEException("unsupported key type " + jwk.getKeyType());
    }

    static Key signingKey(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa) {
            return rsa.toRSAPrivateKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPrivateKey();
        }
        if (jwk instanceof OctetSequenceKey oct) {
            return new SecretKeySpec(oct.toByteArray(), "HMAC");
        }
        if (jwk instanceof OctetKeyPair okp) {
            return Ed25519Keys.privateKey(okp);
        }
        throw new JOSEException("unsupported key type " + jwk.getKeyType());
    }
}
