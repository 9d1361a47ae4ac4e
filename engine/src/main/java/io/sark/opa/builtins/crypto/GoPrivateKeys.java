package io.sark.opa.builtins.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Json;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Private keys as Go's x509 package parses them (PKCS#1, PKCS#8, SEC 1) and as encoding/json prints the
 * resulting Go values: *rsa.PrivateKey, *ecdsa.PrivateKey (its Curve has no exported fields: {}) and
 * ed25519.PrivateKey (seed and public key, base64).
 */
final class GoPrivateKeys {
    private GoPrivateKeys() {}

    /** A "RSA PRIVATE KEY" block's body, as x509.ParsePKCS1PrivateKey. */
    static JsonNode pkcs1(byte[] der) throws GeneralSecurityException {
        return fromPkcs8(Pkcs1.wrapRsaPrivateKey(der), "RSA");
    }

    /** A "PRIVATE KEY" block's body, as x509.ParsePKCS8PrivateKey. */
    static JsonNode pkcs8(byte[] der) throws GeneralSecurityException {
        String algorithm;
        try {
            String oid = algorithmOid(der);
            algorithm = switch (oid) {
                case "1.2.840.113549.1.1.1" -> "RSA";
                case "1.2.840.10045.2.1" -> "EC";
                case "1.3.101.112" -> "Ed25519";
                default -> throw new GeneralSecurityException("x509: PKCS#8 wrapping contained private key with unknown algorithm: " + oid);
            };
        } catch (Der.StructureError | RuntimeException e) {
            throw new GeneralSecurityException("x509: failed to parse private key: " + e.getMessage());
        }
        return fromPkcs8(der, algorithm);
    }

    /** An "EC PRIVATE KEY" block's body, as x509.ParseECPrivateKey: SEQUENCE { 1, d, [0] curve OID, [1] point }. */
    static JsonNode sec1(byte[] der) throws GeneralSecurityException {
        return ecdsa(Sec1.privateKey(der));
    }

    /** Go's tls.X509KeyPair tries the three forms in turn, whatever the block's type says. */
    static JsonNode anyForm(byte[] der) throws GeneralSecurityException {
        for (Form form : new Form[] {GoPrivateKeys::pkcs1, GoPrivateKeys::pkcs8, GoPrivateKeys::sec1}) {
            try {
                return form.parse(der);
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next form
            }
        }
        throw new GeneralSecurityException("tls: failed to parse private key");
    }

    private interface Form {
        JsonNode parse(byte[] der) throws GeneralSecurityException;
    }

    private static JsonNode fromPkcs8(byte[] der, String algorithm) throws GeneralSecurityException {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("x509: failed to parse private key");
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return rsa(rsa);
        }
        if (key instanceof ECPrivateKey ec) {
            return ecdsa(ec);
        }
        if (key instanceof EdECPrivateKey ed) {
            return ed25519(ed);
        }
        throw new GeneralSecurityException("x509: failed to parse private key");
    }

    private static JsonNode rsa(RSAPrivateCrtKey key) {
        ObjectNode o = Json.object();
        o.set("N", Json.number(key.getModulus()));
        o.set("E", Json.number(key.getPublicExponent()));
        o.set("D", Json.number(key.getPrivateExponent()));
        o.putArray("Primes").add(Json.number(key.getPrimeP())).add(Json.number(key.getPrimeQ()));
        ObjectNode precomputed = o.putObject("Precomputed");
        precomputed.set("Dp", Json.number(key.getPrimeExponentP()));
        precomputed.set("Dq", Json.number(key.getPrimeExponentQ()));
        precomputed.set("Qinv", Json.number(key.getCrtCoefficient()));
        precomputed.putArray("CRTValues"); // only keys of more than two primes have any
        return o;
    }

    private static JsonNode ecdsa(ECPrivateKey key) {
        ECPoint q = multiply(key.getParams(), key.getS());
        ObjectNode o = Json.object();
        o.putObject("Curve");
        o.set("X", Json.number(q.getAffineX()));
        o.set("Y", Json.number(q.getAffineY()));
        o.set("D", Json.number(key.getS()));
        return o;
    }

    /** Go's ed25519.PrivateKey is seed then public key; the JDK derives the public key from a seed it draws. */
    private static JsonNode ed25519(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("x509: failed to parse private key"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
        byte[] both = Arrays.copyOf(seed, 64);
        System.arraycopy(spki, spki.length - 32, both, 32, 32);
        return Json.text(Base64.getEncoder().encodeToString(both));
    }

    /** d·G on a prime curve by double-and-add in affine coordinates: the public point of a private key. */
    private static ECPoint multiply(ECParameterSpec spec, BigInteger d) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger a = spec.getCurve().getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        for (int i = d.bitLength() - 1; i >= 0; i--) {
            result = add(result, result, p, a);
            if (d.testBit(i)) {
                result = add(result, spec.getGenerator(), p, a);
            }
        }
        return result;
    }

    private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
        if (s.equals(ECPoint.POINT_INFINITY)) {
            return t;
        }
        if (t.equals(ECPoint.POINT_INFINITY)) {
            return s;
        }
        BigInteger x1 = s.getAffineX();
        BigInteger y1 = s.getAffineY();
        BigInteger x2 = t.getAffineX();
        BigInteger y2 = t.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (y1.add(y2).mod(p).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }

    /** PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier { OID, ... }, OCTET STRING }. */
    private static String algorithmOid(byte[] der) throws Der.StructureError {
        Der algorithm = Der.read(der, 0).expect(0x30).children().get(1).expect(0x30);
        return oid(algorithm.children().get(0).expect(0x06).content());
    }

    static String oid(byte[] content) {
        StringBuilder out = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : content) {
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    out.append(Math.min(value / 40, 2)).append('.').append(value - 40 * Math.min(value / 40, 2));
                    first = false;
                } else {
                    out.append('.').append(value);
                }
                value = 0;
            }
        }
        return out.toString();
    }
}
