package io.sark.opa.builtins.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWS algorithms OPA's {@code io.jwt} builtins know, on the JDK's own providers. HMAC keys of any
 * length are accepted (OPA signs and verifies with short secrets such as "secret").
 */
public enum JwsAlgorithm {
    HS256("HmacSHA256", null), HS384("HmacSHA384", null), HS512("HmacSHA512", null),
    RS256("SHA256withRSA", null), RS384("SHA384withRSA", null), RS512("SHA512withRSA", null),
    PS256("RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
    PS384("RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
    PS512("RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64)),
    ES256("SHA256withECDSAinP1363Format", null), ES384("SHA384withECDSAinP1363Format", null),
    ES512("SHA512withECDSAinP1363Format", null),
    EdDSA("Ed25519", null);

    private final String jca;
    private final PSSParameterSpec pss;

    JwsAlgorithm(String jca, PSSParameterSpec pss) {
        this.jca = jca;
        this.pss = pss;
    }

    private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int salt) {
        return new PSSParameterSpec(hash, "MGF1", mgf, salt, 1);
    }

    /** The algorithm of a JWS {@code alg} header, or null when OPA does not know it. */
    public static JwsAlgorithm byName(String alg) {
        for (JwsAlgorithm a : values()) {
            if (a.name().equals(alg)) {
                return a;
            }
        }
        return null;
    }

    public boolean isHmac() {
        return jca.startsWith("Hmac");
    }

    /** True when {@code signature} signs {@code input} under {@code key}; a key of the wrong kind gives false. */
    public boolean verify(Key key, byte[] input, byte[] signature) {
        try {
            if (isHmac()) {
                if (!(key instanceof SecretKey secret)) {
                    return false;
                }
                return MessageDigest.isEqual(mac(secret.getEncoded(), input), signature);
            }
            if (!(key instanceof PublicKey publicKey)) {
                return false;
            }
            Signature verifier = Signature.getInstance(jca);
            if (pss != null) {
                verifier.setParameter(pss);
            }
            verifier.initVerify(publicKey);
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public byte[] sign(Key key, byte[] input) throws GeneralSecurityException {
        if (isHmac()) {
            return mac(key.getEncoded(), input);
        }
        if (!(key instanceof PrivateKey privateKey)) {
            throw new GeneralSecurityException("a private key is needed to sign with " + name());
        }
        Signature signer = Signature.getInstance(jca);
        if (pss != null) {
            signer.setParameter(pss);
        }
        signer.initSign(privateKey);
        signer.update(input);
        return signer.sign();
    }

    private byte[] mac(byte[] secret, byte[] input) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(jca);
        // An empty secret is legal for OPA; the JDK rejects empty key specs, so pad to one zero byte
        // which HMAC treats identically (keys are zero-padded to the block size).
        mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, jca));
        return mac.doFinal(input);
    }
}
