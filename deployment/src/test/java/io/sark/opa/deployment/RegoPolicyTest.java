package io.sark.opa.deployment;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rego is compiled at build time: loose {@code .rego} files with data files in nested folders (one policy named after
 * the policy folder), and a v0 bundle whose manifest says {@code rego_version: 0}. Entrypoints come from METADATA and
 * from {@code quarkus.sark-opa.entrypoints}.
 */
class RegoPolicyTest {

    private static final String V0_BUNDLE_REGO = """
            package legacy.gate

            default open = false

            open { input.day == data.legacy.gate.days[_] }
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> {
        jar.addAsResource(new StringAsset(RegoFixtures.AUTHZ), "policies/authz/authz.rego");
        jar.addAsResource(new StringAsset(RegoFixtures.ROLES), "policies/authz/data.json");
        jar.addAsResource(new StringAsset("package authz\n\nreason := sprintf(\"%s is %s\", [input.user, role]) if {\n"
                + "  role := data.authz.roles[input.user]\n}\n"), "policies/authz/reason.rego");
        Map<String, byte[]> legacy = new LinkedHashMap<>();
        legacy.put(".manifest", utf8("{\"revision\": \"v0-1\", \"rego_version\": 0}"));
        legacy.put("legacy/gate/gate.rego", utf8(V0_BUNDLE_REGO));
        legacy.put("legacy/gate/data.yaml", utf8("days: [mon, tue]\n"));
        jar.addAsResource(new ByteArrayAsset(bundle(legacy)), "policies/legacy.tar.gz");
    }).overrideConfigKey("quarkus.sark-opa.entrypoints", "authz.reason,data.legacy.gate.open")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Test
    void annotatedEntrypointDecidesWithTheNestedData() {
        assertThat(evaluator.evaluateBlocking("authz/allow", Map.of("user", "alice")).allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking("authz/allow", Map.of("user", "bob")).allowed()).isFalse();
        Decision decision = evaluator.evaluateBlocking("authz/allow", Map.of("user", "alice"));
        assertThat(decision.policy()).isEqualTo("policies");
    }

    @Test
    void configuredEntrypointIsCompiledIn() {
        assertThat(evaluator.evaluateBlocking("authz/reason", Map.of("user", "bob")).value()).isEqualTo("bob is user");
        assertThat(evaluator.evaluateBlocking("authz/reason", Map.of("user", "mallory")).isDefined()).isFalse();
    }

    @Test
    void v0BundleFollowsItsManifest() {
        assertThat(evaluator.evaluateBlocking("legacy/gate/open", Map.of("day", "tue")).allowed()).isTrue();
        assertThat(evaluator.evaluateBlocking("legacy/gate/open", Map.of("day", "sun")).value()).isEqualTo(false);
        assertThat(embedded.registry().policies()).anySatisfy(p -> assertThat(p.revision()).isEqualTo("v0-1"));
    }
}
