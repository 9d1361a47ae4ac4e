package io.sark.opa.regoc;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoModule;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    /**
     * v1/ast/annotations.go AnnotationSet.Chain: the package's annotations whichever module of the package holds
     * them, then {@code scope: subpackages} ones of the package and the packages above it, nearest first.
     */
    @Test
    void chainTakesPackageAnnotationsFromAnyModuleAndSubpackagesUpToTheRoot() {
        List<RegoModule> modules = List.of(
                RegoParser.parseModule("top.rego", """
                        # METADATA
                        # scope: subpackages
                        # title: everything under org
                        package org
                        """, RegoVersion.V1),
                RegoParser.parseModule("doc.rego", """
                        # METADATA
                        # title: the team package
                        package org.team
                        """, RegoVersion.V1),
                RegoParser.parseModule("rules.rego", """
                        package org.team

                        c := rego.metadata.chain()
                        """, RegoVersion.V1));
        Policy policy = RegoCompiler.compile(modules, List.of("org/team/c"));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", policy);
        String result = OpaPolicy.builder("t", Parser.parse(wasm)).withBuiltins(Builtins.defaults()).build()
                .newInstance().evaluate("org/team/c", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(result).isEqualTo("[{\"result\":[{\"path\":[\"org\",\"team\",\"c\"]},"
                + "{\"annotations\":{\"scope\":\"package\",\"title\":\"the team package\"},\"path\":[\"org\",\"team\"]},"
                + "{\"annotations\":{\"scope\":\"subpackages\",\"title\":\"everything under org\"},\"path\":[\"org\"]}]}]");
    }
}
