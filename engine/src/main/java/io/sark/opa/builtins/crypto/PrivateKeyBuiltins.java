package io.sark.opa.builtins.crypto;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.encoding.EncodingBuiltins;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@code crypto.parse_private_keys} and {@code crypto.x509.parse_keypair}, after OPA's v1/topdown/crypto.go:
 * the keys of a PEM text, and Go's tls.Certificate of a certificate and key (tls.X509KeyPair).
 */
public final class PrivateKeyBuiltins {
    private PrivateKeyBuiltins() {}

    private static final String PARSE_KEYS = "crypto.parse_private_keys";
    private static final String KEYPAIR = "crypto.x509.parse_keypair";
    private static final String BEGIN = "-----BEGIN ";

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin(PARSE_KEYS, 1, (ctx, a) -> privateKeys(a.string(0))),
                Operands.builtin(KEYPAIR, 2, (ctx, a) -> keyPair(a.string(0), a.string(1))));
    }

    /** Every RSA, PKCS#8 and EC private key block of the text (or of its base64); other blocks are skipped. */
    static JsonNode privateKeys(String text) {
        if (text.isEmpty()) {
            return Json.NODES.nullNode();
        }
        byte[] decoded = EncodingBuiltins.tryDecode(text, Base64.getDecoder());
        String pemText = decoded == null ? text : new String(decoded, StandardCharsets.UTF_8);
        ArrayNode keys = Json.array();
        for (Pem block = Pem.decode(pemText); block != null; block = Pem.decode(block.rest())) {
            try {
                switch (block.type()) {
                    case "RSA PRIVATE KEY" -> keys.add(GoPrivateKeys.pkcs1(block.bytes()));
                    case "PRIVATE KEY" -> keys.add(GoPrivateKeys.pkcs8(block.bytes()));
                    case "EC PRIVATE KEY" -> keys.add(GoPrivateKeys.sec1(block.bytes()));
                    default -> { }
                }
            } catch (GeneralSecurityException e) {
                throw new BuiltinException(PARSE_KEYS + ": " + e.getMessage());
            }
        }
        return keys;
    }

    /** Go's tls.Certificate: the certificates' DER, the private key, no OCSP or SCTs, and the parsed leaf. */
    static JsonNode keyPair(String certText, String keyText) {
        List<byte[]> certificates = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Pem block = Pem.decode(pem(certText, "CERTIFICATE")); block != null; block = Pem.decode(block.rest())) {
            if (block.type().equals("CERTIFICATE")) {
                certificates.add(block.bytes());
            } else {
                skipped.add(block.type());
            }
        }
        if (certificates.isEmpty()) {
            throw fail(skipped.isEmpty() ? "tls: failed to find any PEM data in certificate input"
                    : "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks"
                            + " of the following types: " + goList(skipped));
        }
        Pem keyBlock = keyBlock(pem(keyText, "PRIVATE KEY"));
        try {
            JsonNode key = GoPrivateKeys.anyForm(keyBlock.bytes());
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificates.get(0)));
            checkMatch(leaf.getPublicKey(), key);
            ObjectNode out = Json.object();
            ArrayNode ders = out.putArray("Certificate");
            certificates.forEach(der -> ders.add(Base64.getEncoder().encodeToString(der)));
            out.set("PrivateKey", key);
            out.putNull("SupportedSignatureAlgorithms");
            out.putNull("OCSPStaple");
            out.putNull("SignedCertificateTimestamps");
            out.set("Leaf", X509Builtins.certificate(leaf));
            return out;
        } catch (GeneralSecurityException e) {
            throw fail(e.getMessage().startsWith("tls: ") ? e.getMessage() : "x509: malformed certificate");
        }
    }

    /** PEM text as is; otherwise base64, of PEM or of DER (which becomes a block of the given type). */
    private static String pem(String text, String derType) {
        if (text.startsWith(BEGIN)) {
            return text;
        }
        byte[] decoded = EncodingBuiltins.tryDecode(text, Base64.getDecoder());
        if (decoded == null) {
            throw fail("illegal base64 data");
        }
        String decodedText = new String(decoded, StandardCharsets.ISO_8859_1);
        if (decodedText.startsWith(BEGIN)) {
            return decodedText;
        }
        return BEGIN + derType + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(decoded)
                + "\n-----END " + derType + "-----\n";
    }

    /** The first block whose type is or ends in " PRIVATE KEY", with tls.X509KeyPair's errors. */
    private static Pem keyBlock(String text) {
        List<String> skipped = new ArrayList<>();
        for (Pem block = Pem.decode(text); block != null; block = Pem.decode(block.rest())) {
            if (block.type().equals("PRIVATE KEY") || block.type().endsWith(" PRIVATE KEY")) {
                return block;
            }
            skipped.add(block.type());
        }
        if (skipped.isEmpty()) {
            throw fail("tls: failed to find any PEM data in key input");
        }
        if (skipped.equals(List.of("CERTIFICATE"))) {
            throw fail("tls: found a certificate rather than a key in the PEM for the private key");
        }
        throw fail("tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM"
                + " blocks of the following types: " + goList(skipped));
    }

    /** tls.X509KeyPair's check that the key belongs to the leaf certificate. */
    private static void checkMatch(PublicKey certificateKey, JsonNode privateKey) throws GeneralSecurityException {
        List<String> fields = switch (certificateKey.getAlgorithm()) {
            case "RSA" -> privateKey.has("N") ? List.of("N", "E") : null;
            case "EC" -> privateKey.has("Curve") ? List.of("X", "Y") : null;
            case "Ed25519", "EdDSA" -> privateKey.isTextual() ? List.of() : null;
            default -> null;
        };
        if (fields == null) {
            throw new GeneralSecurityException("tls: private key type does not match public key type");
        }
        boolean matches;
        if (privateKey.isTextual()) {
            // Both end in the raw public key: the SubjectPublicKeyInfo, and Go's seed-then-public-key form.
            byte[] spki = certificateKey.getEncoded();
            byte[] both = Base64.getDecoder().decode(privateKey.textValue());
            matches = Arrays.equals(spki, spki.length - 32, spki.length, both, 32, 64);
        } else {
            JsonNode expected = X509Builtins.publicKey(certificateKey);
            matches = fields.stream().allMatch(f -> expected.get(f).equals(privateKey.get(f)));
        }
        if (!matches) {
            throw new GeneralSecurityException("tls: private key does not match public key");
        }
    }

    /** Go's %v of a []string: [a b]. */
    private static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }

    private static BuiltinException fail(String message) {
        return new BuiltinException(KEYPAIR + ": " + message);
    }
}
