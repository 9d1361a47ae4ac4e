package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.BuiltinException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After OPA's v1/topdown/crypto.go (builtinCryptoParsePrivateKeys, getTLSx509KeyPairFromString). */
class PrivateKeyBuiltinsTest {

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static JsonNode parseKeys(String text) {
        return Calls.call("crypto.parse_private_keys", Json.text(text).toString());
    }

    @Test
    void rsaKeysPrintAsGosRsaPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        JsonNode keys = parseKeys(pem("PRIVATE KEY", key.getEncoded()) + pem("CERTIFICATE", new byte[] {1}));
        assertThat(keys).hasSize(1);
        JsonNode rsa = keys.get(0);
        assertThat(rsa.get("N").bigIntegerValue()).isEqualTo(key.getModulus());
        assertThat(rsa.get("E").asLong()).isEqualTo(65537);
        assertThat(rsa.get("D").bigIntegerValue()).isEqualTo(key.getPrivateExponent());
        assertThat(rsa.get("Primes").get(1).bigIntegerValue()).isEqualTo(key.getPrimeQ());
        assertThat(rsa.get("Precomputed").get("Qinv").bigIntegerValue()).isEqualTo(key.getCrtCoefficient());
    }

    @Test
    void ecKeysCarryThePublicPointDerivedFromTheirScalar() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        JsonNode ec = parseKeys(pem("PRIVATE KEY", pair.getPrivate().getEncoded())).get(0);
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        assertThat(ec.get("Curve").isObject()).isTrue();
        assertThat(ec.get("X").bigIntegerValue()).isEqualTo(pub.getW().getAffineX());
        assertThat(ec.get("Y").bigIntegerValue()).isEqualTo(pub.getW().getAffineY());
    }

    @Test
    void ed25519KeysAreSeedThenPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] both = Base64.getDecoder().decode(parseKeys(pem("PRIVATE KEY", pair.getPrivate().getEncoded())).get(0).textValue());
        byte[] spki = pair.getPublic().getEncoded();
        assertThat(java.util.Arrays.copyOfRange(both, 32, 64)).isEqualTo(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @Test
    void noKeyBlocksGiveAnEmptyListAndEmptyInputNull() {
        assertThat(parseKeys("nope")).isEqualTo(Json.array());
        assertThat(parseKeys("").isNull()).isTrue();
    }

    @Test
    void keyPairGivesGosTlsCertificateForMatchingCertificateAndKey() throws Exception {
        List<JsonNode> cases = ConformanceCases.inV1Category("cryptox509parsekeypair");
        assumeTrue(cases.size() == 2, "OPA's v1 keypair cases");
        for (JsonNode c : cases) {
            JsonNode pair = Calls.call("crypto.x509.parse_keypair", c.at("/input/cert").toString(), c.at("/input/key").toString());
            assertThat(pair.at("/Certificate/0")).isEqualTo(c.at("/want_result/0/x"));
            assertThat(pair.at("/PrivateKey/N").bigIntegerValue()).isEqualTo(pair.at("/Leaf/PublicKey/N").bigIntegerValue());
            assertThat(pair.get("OCSPStaple").isNull()).isTrue();
        }
        assertThatThrownBy(() -> Calls.call("crypto.x509.parse_keypair",
                cases.get(0).at("/input/cert").toString(), cases.get(1).at("/input/key").toString()))
                .isInstanceOf(BuiltinException.class)
                .hasMessage("crypto.x509.parse_keypair: tls: private key does not match public key");
        assertThatThrownBy(() -> Calls.call("crypto.x509.parse_keypair",
                cases.get(0).at("/input/cert").toString(), cases.get(0).at("/input/cert").toString()))
                .hasMessage("crypto.x509.parse_keypair: tls: found a certificate rather than a key in the PEM for the private key");
    }

    @Test
    void keyPairRefusesTextWithoutCertificates() {
        assertThatThrownBy(() -> Calls.call("crypto.x509.parse_keypair", "\"-----BEGIN X-----\\n-----END X-----\\n\"", "\"\""))
                .hasMessage("crypto.x509.parse_keypair: tls: failed to find \"CERTIFICATE\" PEM block in certificate input"
                        + " after skipping PEM blocks of the following types: [X]");
    }
}
