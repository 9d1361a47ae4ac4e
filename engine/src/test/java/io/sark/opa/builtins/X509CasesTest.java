package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * OPA's x509 cases bind the certificate text to a rule and read {@code Subject.CommonName}; this test takes
 * the text from the case's module and checks the same field.
 */
class X509CasesTest {

    private static final Pattern CONSTANT = Pattern.compile("(?m)^(?:certs|pem|csr) :?= (\".*\")$");

    private static List<JsonNode> cases(String category) throws IOException {
        return ConformanceCases.inCategory(category);
    }

    private static String constant(JsonNode c) throws IOException {
        for (JsonNode m : c.path("modules")) {
            Matcher matcher = CONSTANT.matcher(m.asText());
            if (matcher.find()) {
                return Json.MAPPER.readTree(matcher.group(1)).textValue();
            }
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> parseCertificatesGivesTheSubjectsOpaExpects() throws IOException {
        Builtin parse = Builtins.defaults().find("crypto.x509.parse_certificates").orElseThrow();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases("cryptox509parsecertificates")) {
            String certs = constant(c);
            if (certs == null) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.path("note").asText(), () -> {
                if (c.hasNonNull("want_error")) {
                    assertThatThrownBy(() -> parse.call(TestContext.fresh(), Json.text(certs)))
                            .isInstanceOf(BuiltinException.class)
                            .hasMessageContaining(c.path("want_error").asText());
                    return;
                }
                JsonNode parsed = parse.call(TestContext.fresh(), Json.text(certs));
                ArrayNode names = Json.array();
                parsed.forEach(cert -> names.add(cert.path("Subject").path("CommonName")));
                assertThat(names).isEqualTo(c.path("want_result").get(0).get("x"));
            }));
        }
        assertThat(tests).as("certificate cases found").isNotEmpty();
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> parseCertificateRequestGivesTheSubjectOpaExpects() throws IOException {
        Builtin parse = Builtins.defaults().find("crypto.x509.parse_certificate_request").orElseThrow();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases("cryptox509parsecertificaterequest")) {
            String csr = constant(c);
            if (csr == null) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.path("note").asText(), () -> {
                if (c.hasNonNull("want_error")) {
                    assertThatThrownBy(() -> parse.call(TestContext.fresh(), Json.text(csr)))
                            .isInstanceOf(BuiltinException.class)
                            .hasMessageContaining(c.path("want_error").asText());
                    return;
                }
                assertThat(parse.call(TestContext.fresh(), Json.text(csr)).path("Subject").path("CommonName"))
                        .isEqualTo(c.path("want_result").get(0).get("x"));
            }));
        }
        assertThat(tests).as("certificate request cases found").isNotEmpty();
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void verifiesAChainRootFirstAtTheEvaluationTime() throws IOException {
        String chain = constant(ConformanceCases.named("cryptox509parsecertificates", "cryptox509parsecertificates/PEM, chain, string"));
        assertThat(chain).as("the PEM chain case").isNotNull();
        JsonNode parsed = Builtins.defaults().find("crypto.x509.parse_certificates").orElseThrow()
                .call(TestContext.fresh(), Json.text(chain));
        StringBuilder rootFirst = new StringBuilder();
        for (int i = parsed.size() - 1; i >= 0; i--) {
            rootFirst.append("-----BEGIN CERTIFICATE-----\n").append(parsed.get(i).path("Raw").textValue())
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Builtin verify = Builtins.defaults().find("crypto.x509.parse_and_verify_certificates").orElseThrow();
        long august2020 = 1_596_240_000_000_000_000L;
        JsonNode valid = verify.call(TestContext.at(august2020), Json.text(rootFirst.toString()));
        assertThat(valid.get(0).booleanValue()).isTrue();
        assertThat(valid.get(1).get(0).path("Subject").path("CommonName").textValue()).isEqualTo("openpolicyagent.org");
        long january2021 = 1_609_459_200_000_000_000L;
        assertThat(verify.call(TestContext.at(january2021), Json.text(rootFirst.toString())).toString())
                .as("the leaf expired in October 2020").isEqualTo("[false,[]]");
        assertThat(verify.call(TestContext.at(august2020), Json.text(chain)).toString()).as("leaf first is not a chain").isEqualTo("[false,[]]");
    }

    @TestFactory
    Stream<DynamicTest> parseRsaPrivateKeyGivesTheJwkOpaExpects() throws IOException {
        Builtin parse = Builtins.defaults().find("crypto.x509.parse_rsa_private_key").orElseThrow();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases("cryptox509parsersaprivatekey")) {
            String pem = constant(c);
            if (pem == null) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.path("note").asText(), () ->
                    assertThat(parse.call(TestContext.fresh(), Json.text(pem))).isEqualTo(c.path("want_result").get(0).get("x"))));
        }
        assertThat(tests).as("private key cases found").isNotEmpty();
        return tests.stream();
    }
}
