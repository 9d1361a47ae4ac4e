package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Certificate fields OPA adds to or reads from Go's x509.Certificate beyond the subject's common name. */
class X509FieldsTest {

    /** Self-signed P-256 certificate: serialNumber and postalCode in the subject, two URI names and a DNS name. */
    private static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIICSjCCAe+gAwIBAgIUTcDRdwmfbxDZEEVwhtO8hTvE3NkwCgYIKoZIzj0EAwIw
            VDELMAkGA1UEBhMCTkwxEjAQBgNVBAoMCVNhcmsgVGVzdDENMAsGA1UEBRMENDcx
            MTEPMA0GA1UEEQwGMTIzNEFCMREwDwYDVQQDDAh1cmktdGVzdDAgFw0yNjEyMDcx
            MDMxMjVaGA8yMTI2MTExMzEwMzEyNVowVDELMAkGA1UEBhMCTkwxEjAQBgNVBAoM
            CVNhcmsgVGVzdDENMAsGA1UEBRMENDcxMTEPMA0GA1UEEQwGMTIzNEFCMREwDwYD
            VQQDDAh1cmktdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABBHk3nL3bKZZ
            ZTGMUd9WZdFRxx1M81PTjDyc1oU6iuGQEGfp66ad4XMqUTWhwLuS52ZYAKDi14kW
            IcF2PzCsCFqjgZwwgZkwHQYDVR0OBBYEFIefForbUPSy3vtoNa9T5wrAEU1/MB8G
            A1UdIwQYMBaAFIefForbUPSy3vtoNa9T5wrAEU1/MA8GA1UdEwEB/wQFMAMBAf8w
            RgYDVR0RBD8wPYYbc3BpZmZlOi8vc2Fyay50ZXN0L3dvcmtsb2FkhhNodHRwczov
            L3NhcmsudGVzdC94gglzYXJrLnRlc3QwCgYIKoZIzj0EAwIDSQAwRgIhAOyODgId
            dy1Rm153498+/ki+sr07jHOblTEpl23+miSXAiEAwoU30gb6WJTOwSqim9MWbppC
            dZla/rmeqzTeQRl5qBM=
            -----END CERTIFICATE-----
            """;

    private static String quoted(String s) {
        return Json.text(s).toString();
    }

    /** v1/topdown/crypto.go extendedCert: parse_certificates adds URIStrings, the URI names as text. */
    @Test
    void parseCertificatesListsUriNamesAsText() {
        JsonNode cert = call("crypto.x509.parse_certificates", quoted(PEM)).get(0);
        assertThat(cert.get("URIStrings")).hasToString("[\"spiffe://sark.test/workload\",\"https://sark.test/x\"]");
        assertThat(cert.get("DNSNames")).hasToString("[\"sark.test\"]");
        String base64OfPem = Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.UTF_8));
        assertThat(call("crypto.x509.parse_certificates", quoted(base64OfPem)).get(0).get("URIStrings"))
                .isEqualTo(cert.get("URIStrings"));
    }

    /** Go's pkix.Name keeps the subject's serial number and postal code, attributes RFC 2253 has no keyword for. */
    @Test
    void subjectSerialNumberAndPostalCodeAreText() {
        JsonNode subject = call("crypto.x509.parse_certificates", quoted(PEM)).get(0).get("Subject");
        assertThat(subject.get("SerialNumber").textValue()).isEqualTo("4711");
        assertThat(subject.get("PostalCode")).hasToString("[\"1234AB\"]");
        assertThat(subject.get("CommonName").textValue()).isEqualTo("uri-test");
    }
}
