package io.sark.opa.builtins.crypto;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.encoding.EncodingBuiltins;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * {@code crypto.x509.parse_certificates} and {@code crypto.x509.parse_rsa_private_key}. Certificates are
 * returned with the field names of Go's x509.Certificate, for the fields policies read (see
 * docs/builtins.md); the raw DER is included so nothing is lost.
 */
public final class X509Builtins {
    private X509Builtins() {}

    private static final Map<String, int[]> NAME_OIDS = Map.of(
            "CN", new int[] {2, 5, 4, 3}, "C", new int[] {2, 5, 4, 6}, "O", new int[] {2, 5, 4, 10},
            "OU", new int[] {2, 5, 4, 11}, "L", new int[] {2, 5, 4, 7}, "ST", new int[] {2, 5, 4, 8},
            "STREET", new int[] {2, 5, 4, 9}, "POSTALCODE", new int[] {2, 5, 4, 17}, "SERIALNUMBER", new int[] {2, 5, 4, 5});

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("crypto.x509.parse_certificates", 1, (ctx, a) -> {
                    ArrayNode out = Json.array();
                    for (X509Certificate cert : certificates(a.builtin(), a.string(0))) {
                        out.add(withUriStrings(certificate(cert)));
                    }
                    return out;
                }),
                Operands.builtin("crypto.x509.parse_certificate_request", 1, (ctx, a) -> certificateRequest(
                        a.string(0))),
                Operands.builtin("crypto.x509.parse_and_verify_certificates", 1, (ctx, a) -> parseAndVerify(ctx,
                        a.string(0))),
                Operands.builtin("crypto.x509.parse_rsa_private_key", 1, (ctx, a) -> rsaPrivateKey(a.string(0))));
    }

    /** PEM text, base64 of PEM, or base64 of DER, as OPA accepts. */
    static byte[] pemOrDer(String name, String text) {
        if (text.startsWith("-----BEGIN")) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] decoded = EncodingBuiltins.tryDecode(text, Base64.getDecoder());
        if (decoded == null) {
            throw new BuiltinException(name + ": illegal base64 data");
        }
        return decoded;
    }

    static List<X509Certificate> certificates(String name, String text) {
        byte[] bytes = pemOrDer(name, text);
        try {
            Collection<? extends java.security.cert.Certificate> parsed =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            if (parsed.isEmpty()) {
                throw new BuiltinException(name + ": x509: malformed certificate");
            }
            List<X509Certificate> out = new ArrayList<>();
            parsed.forEach(c -> out.add((X509Certificate) c));
            return out;
        } catch (CertificateException e) {
            throw new BuiltinException(name + ": x509: malformed certificate: " + e.getMessage());
        }
    }

    static JsonNode certificate(X509Certificate cert) {
        ObjectNode o = Json.object();
        try {
            o.put("Raw", Base64.getEncoder().encodeToString(cert.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new BuiltinException("crypto.x509.parse_certificates: " + e.getMessage());
        }
        o.put("Version", cert.getVersion());
        o.set("SerialNumber", Json.number(cert.getSerialNumber()));
        o.set("Issuer", name(cert.getIssuerX500Principal()));
        o.set("Subject", name(cert.getSubjectX500Principal()));
        o.put("NotBefore", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(cert.getNotBefore().getTime())));
        o.put("NotAfter", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(cert.getNotAfter().getTime())));
        o.put("PublicKeyAlgorithm", publicKeyAlgorithm(cert.getPublicKey()));
        o.set("PublicKey", publicKey(cert.getPublicKey()));
        boolean[] usage = cert.getKeyUsage();
        int keyUsage = 0;
        if (usage != null) {
            for (int i = 0; i < usage.length; i++) {
                if (usage[i]) {
                    keyUsage |= 1 << i;
                }
            }
        }
        o.put("KeyUsage", keyUsage);
        int basic = cert.getBasicConstraints();
        o.put("BasicConstraintsValid", cert.getExtensionValue("2.5.29.19") != null);
        o.put("IsCA", basic >= 0);
        o.put("MaxPathLen", basic == Integer.MAX_VALUE ? -1 : basic >= 0 ? basic : -1);
        ArrayNode dns = Json.array();
        ArrayNode emails = Json.array();
        ArrayNode ips = Json.array();
        ArrayNode uris = Json.array();
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    String value = String.valueOf(entry.get(1));
                    switch (type) {
                        case 1 -> emails.add(value);
                        case 2 -> dns.add(value);
                        case 6 -> uris.add(value);
                        case 7 -> ips.add(value);
                        default -> { }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new BuiltinException("crypto.x509.parse_certificates: x509: " + e.getMessage());
        }
        // Go marshals empty slices of a parsed certificate as null.
        o.set("DNSNames", dns.isEmpty() ? Json.NODES.nullNode() : dns);
        o.set("EmailAddresses", emails.isEmpty() ? Json.NODES.nullNode() : emails);
        o.set("IPAddresses", ips.isEmpty() ? Json.NODES.nullNode() : ips);
        o.set("URIs", uris.isEmpty() ? Json.NODES.nullNode() : uris);
        return o;
    }

    private static int publicKeyAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return 1;
        }
        if (key instanceof ECPublicKey) {
            return 3;
        }
        return key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA") ? 4 : 0;
    }

    static JsonNode publicKey(PublicKey key) {
        ObjectNode o = Json.object();
        if (key instanceof RSAPublicKey rsa) {
            o.set("N", Json.number(rsa.getModulus()));
            o.set("E", Json.number(rsa.getPublicExponent()));
        } else if (key instanceof ECPublicKey ec) {
            o.set("X", Json.number(ec.getW().getAffineX()));
            o.set("Y", Json.number(ec.getW().getAffineY()));
        }
        return o;
    }

    /**
     * The certificate as OPA's parse_certificates and parse_and_verify_certificates give it (v1/topdown/crypto.go
     * extendedCert): with {@code URIStrings}, the URI names as text, null when there are none.
     */
    private static JsonNode withUriStrings(JsonNode certificate) {
        ObjectNode o = (ObjectNode) certificate;
        o.set("URIStrings", o.get("URIs").deepCopy());
        return o;
    }

    /** Go's pkix.Name: the common attributes as lists (CommonName and SerialNumber as strings) and Names in order. */
    static JsonNode name(X500Principal principal) {
        ObjectNode o = Json.object();
        String[][] lists = {{"Country", "C"}, {"Organization", "O"}, {"OrganizationalUnit", "OU"}, {"Locality", "L"},
            {"Province", "ST"}, {"StreetAddress", "STREET"}, {"PostalCode", "POSTALCODE"}};
        // names for the attributes RFC 2253 has none for, so their values come as text (a keyword must be a word)
        Map<String, String> oidNames = Map.of("2.5.4.17", "POSTALCODE", "2.5.4.5", "SERIALNUMBER");
        LdapName ldap;
        try {
            ldap = new LdapName(principal.getName(X500Principal.RFC2253, oidNames));
        } catch (InvalidNameException e) {
            throw new BuiltinException("crypto.x509.parse_certificates: malformed name: " + e.getMessage());
        }
        ArrayNode names = Json.array();
        String commonName = "";
        String serialNumber = "";
        for (Rdn rdn : ldap.getRdns()) {
            String type = rdn.getType().toUpperCase(java.util.Locale.ROOT);
            String value = rdn.getValue() instanceof byte[] ? "" : String.valueOf(rdn.getValue());
            int[] oid = NAME_OIDS.get(type);
            if (oid != null) {
                ObjectNode entry = names.addObject();
                ArrayNode t = entry.putArray("Type");
                for (int part : oid) {
                    t.add(part);
                }
                entry.put("Value", value);
            }
            if (type.equals("CN")) {
                commonName = value;
            } else if (type.equals("SERIALNUMBER")) {
                serialNumber = value;
            }
        }
        for (String[] list : lists) {
            ArrayNode values = Json.array();
            for (Rdn rdn : ldap.getRdns()) {
                if (rdn.getType().equalsIgnoreCase(list[1])) {
                    values.add(String.valueOf(rdn.getValue()));
                }
            }
            o.set(list[0], values.isEmpty() ? Json.NODES.nullNode() : values);
        }
        o.put("SerialNumber", serialNumber);
        o.put("CommonName", commonName);
        o.set("Names", names);
        o.set("ExtraNames", Json.NODES.nullNode());
        return o;
    }

    /**
     * OPA's chain check: the first certificate is the root, the last the leaf, the others intermediates;
     * valid at the evaluation's time. [true, chain from leaf to root] or [false, []].
     */
    static JsonNode parseAndVerify(io.sark.opa.engine.BuiltinContext ctx, String text) {
        ArrayNode invalid = Json.array();
        invalid.add(false);
        invalid.addArray();
        List<X509Certificate> certs;
        try {
            certs = certificates("crypto.x509.parse_and_verify_certificates", text);
        } catch (BuiltinException e) {
            return invalid;
        }
        if (certs.size() < 2) {
            return invalid;
        }
        try {
            List<X509Certificate> path = new ArrayList<>();
            for (int i = certs.size() - 1; i >= 1; i--) {
                path.add(certs.get(i));
            }
            java.security.cert.PKIXParameters parameters = new java.security.cert.PKIXParameters(
                    java.util.Set.of(new java.security.cert.TrustAnchor(certs.get(0), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(new java.util.Date(Math.floorDiv(ctx.nowNanos(), 1_000_000L)));
            java.security.cert.CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (java.security.GeneralSecurityException e) {
            return invalid;
        }
        ArrayNode chain = Json.array();
        for (int i = certs.size() - 1; i >= 0; i--) {
            chain.add(withUriStrings(certificate(certs.get(i))));
        }
        ArrayNode out = Json.array();
        out.add(true);
        out.add(chain);
        return out;
    }

    /** A PKCS#10 request with the field names of Go's x509.CertificateRequest that policies read. */
    static JsonNode certificateRequest(String text) {
        String name = "crypto.x509.parse_certificate_request";
        byte[] bytes = pemOrDer(name, text);
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        if (asText.startsWith("-----BEGIN")) {
            Pem pem = Pem.decode(asText);
            if (pem == null || !pem.type().endsWith("CERTIFICATE REQUEST")) {
                throw new BuiltinException(name + ": invalid PEM-encoded certificate signing request");
            }
            bytes = pem.bytes();
        }
        try {
            Der request = Der.read(bytes, 0).expect(0x30);
            Der info = request.children().get(0).expect(0x30);
            List<Der> fields = info.children();
            if (fields.size() < 3) {
                throw new Der.StructureError("certification request info is incomplete");
            }
            ObjectNode o = Json.object();
            o.put("Raw", Base64.getEncoder().encodeToString(request.encoded()));
            o.put("Version", new java.math.BigInteger(fields.get(0).expect(0x02).content()).intValue());
            o.set("Subject", name(new X500Principal(fields.get(1).expect(0x30).encoded())));
            PublicKey key = JwtKeys.publicKey(name, fields.get(2).expect(0x30).encoded());
            o.put("PublicKeyAlgorithm", publicKeyAlgorithm(key));
            o.set("PublicKey", publicKey(key));
            return o;
        } catch (Der.StructureError | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new BuiltinException(name + ": " + (e instanceof Der.StructureError ? e.getMessage() : "asn1: structure error: " + e.getMessage()));
        }
    }

    /** A PKCS#1 or PKCS#8 RSA private key as a JWK, as OPA returns it. */
    static JsonNode rsaPrivateKey(String text) {
        String name = "crypto.x509.parse_rsa_private_key";
        byte[] bytes = pemOrDer(name, text);
        Pem pem = Pem.decode(new String(bytes, StandardCharsets.UTF_8));
        if (pem == null) {
            throw new BuiltinException(name + ": failed to parse PEM block containing the key");
        }
        byte[] pkcs8 = pem.type().equals("RSA PRIVATE KEY") ? Pkcs1.wrapRsaPrivateKey(pem.bytes()) : pem.bytes();
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            RSAKey jwk = new RSAKey.Builder(pub).privateKey(key).build();
            return Json.parse(jwk.toJSONString());
        } catch (Exception e) {
            throw new BuiltinException(name + ": x509: failed to parse private key: " + e.getMessage(), e);
        }
    }
}
