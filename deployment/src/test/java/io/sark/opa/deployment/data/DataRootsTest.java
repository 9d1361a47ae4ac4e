package io.sark.opa.deployment.data;

import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.DataUpdateException;
import io.sark.opa.PolicyData;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.LoadedPolicy;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two bundles whose manifests name their {@code roots} (OPA's bundle ownership): an update changes the data of
 * the bundles that own its path, leaves the others as they are, and fails, naming the path, when none owns it.
 */
class DataRootsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(bundle(Map.of(
                    ".manifest", utf8("{\"roots\": [\"teams\"]}"),
                    "teams/teams.rego", utf8("package teams\n\n# METADATA\n# entrypoint: true\n"
                            + "size := count(data.teams.members)\n"),
                    "teams/data.json", utf8("{\"members\": [\"a\"]}")))), "policies/teams.tar.gz")
            .addAsResource(new ByteArrayAsset(bundle(Map.of(
                    ".manifest", utf8("{\"roots\": [\"/other/\"]}"),
                    "other/other.rego", utf8("package other\n\n# METADATA\n# entrypoint: true\nvalue := data.other.v\n"),
                    "other/data.json", utf8("{\"v\": 1}")))), "policies/other.tar.gz"))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyData data;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedEngine embedded;

    @Test
    void anUpdateChangesOnlyTheBundlesThatOwnItsPath() {
        LoadedPolicy other = embedded.registry().policyFor("other/value");
        data.put("teams/members", List.of("a", "b", "c"));
        assertThat(String.valueOf(evaluator.evaluateBlocking("teams/size", Map.of()).value())).isEqualTo("3");
        assertThat(embedded.registry().policyFor("other/value")).as("the other bundle is untouched").isSameAs(other);
    }

    @Test
    void aPathNoBundleOwnsIsRefusedByName() {
        long before = data.revision();
        assertThatThrownBy(() -> data.put("nowhere/x", 1)).isInstanceOfSatisfying(DataUpdateException.class, e -> {
            assertThat(e.reason()).isEqualTo(DataUpdateException.Reason.NOT_FOUND);
            assertThat(e.getMessage()).startsWith("/nowhere/x: no loaded policy's data covers this path");
        });
        // the root is above both bundles' roots: neither owns all of it
        assertThatThrownBy(() -> data.put("", Map.of())).isInstanceOf(DataUpdateException.class);
        assertThat(data.revision()).isEqualTo(before);
        assertThat(String.valueOf(evaluator.evaluateBlocking("other/value", Map.of()).value())).isEqualTo("1");
    }
}
