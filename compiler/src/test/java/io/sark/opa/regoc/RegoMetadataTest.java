package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code rego.metadata.rule()} and {@code rego.metadata.chain()} become the annotations OPA would give. */
class RegoMetadataTest {
    private static final String REGO = """
            # METADATA
            # description: the package
            package t

            # METADATA
            # scope: document
            # title: the document
            p := "never" if false

            # METADATA
            # title: this rule
            # authors:
            # - Jane Doe <jane@example.com>
            # related_resources:
            # - https://example.com
            p := {"rule": rego.metadata.rule(), "chain": rego.metadata.chain()}

            bare := rego.metadata.rule()
            """;

    @Test
    void ruleGivesTheRulesOwnAnnotationsNormalised() {
        assertThat(eval(REGO, "t/p", "{}", "{}")).contains("\"rule\":{\"authors\":[{\"email\":\"jane@example.com\","
                + "\"name\":\"Jane Doe\"}],\"related_resources\":[{\"ref\":\"https://example.com\"}],\"scope\":\"rule\","
                + "\"title\":\"this rule\"}");
        assertThat(eval(REGO, "t/bare", "{}", "{}")).isEqualTo("[{\"result\":{}}]");
    }

    @Test
    void chainGoesFromTheRuleToItsDocumentToItsPackage() {
        assertThat(eval(REGO, "t/p", "{}", "{}")).contains("\"chain\":[{\"annotations\":{\"authors\":[{\"email\":"
                + "\"jane@example.com\",\"name\":\"Jane Doe\"}],\"related_resources\":[{\"ref\":\"https://example.com\"}],"
                + "\"scope\":\"rule\",\"title\":\"this rule\"},\"path\":[\"t\",\"p\"]},"
                + "{\"annotations\":{\"scope\":\"document\",\"title\":\"the document\"},\"path\":[\"t\",\"p\"]},"
                + "{\"annotations\":{\"description\":\"the package\",\"scope\":\"package\"},\"path\":[\"t\"]}]");
    }
}
