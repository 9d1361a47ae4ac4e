package io.sark.opa.deployment.bundles;

import static io.sark.opa.deployment.PolicyFixtures.bundle;
import static io.sark.opa.deployment.PolicyFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.bundles.BundlePollers;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.LoadedPolicy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two policies built from bundles that own their roots: a data bundle for {@code teams} replaces the data of the
 * policy that owns it and leaves the other policy as it is; a data bundle whose roots no policy owns, or whose
 * roots overlap an active bundle's, is refused.
 */
class BundleRootsTest {

    static final String SERVER = "bundle-roots-test";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(bundle(Map.of(
                    ".manifest", utf8("{\"roots\": [\"teams\"]}"),
                    "teams/teams.rego", utf8("package teams\n\n# METADATA\n# entrypoint: true\n"
                            + "size := count(data.teams.members)\n"),
                    "teams/data.json", utf8("{\"members\": [\"a\"]}")))), "policies/teams.tar.gz")
            .addAsResource(new ByteArrayAsset(bundle(Map.of(
                    ".manifest", utf8("{\"roots\": [\"other\"]}"),
                    "other/other.rego", utf8("package other\n\n# METADATA\n# entrypoint: true\nvalue := data.other.v\n"),
                    "other/data.json", utf8("{\"v\": 1}")))), "policies/other.tar.gz")
            .addClasses(BundleServer.class, io.sark.opa.deployment.PolicyFixtures.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.sark-opa.services.nginx.url", started().url())
            .overrideConfigKey("quarkus.sark-opa.bundles.teams.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.stray.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.stray.readiness-waits", "false")
            // served only once "teams" is active: its roots overlap
            .overrideConfigKey("quarkus.sark-opa.bundles.overlapping.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.overlapping.readiness-waits", "false")
            .overrideConfigKey("quarkus.sark-opa.bundles.overlapping.polling.min-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.overlapping.polling.max-delay", "200ms");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedEngine embedded;

    @Inject
    BundlePollers bundles;

    @Inject
    MeterRegistry meters;

    private static BundleServer started() {
        BundleServer server = BundleServer.shared(SERVER);
        try {
            server.serve("teams", bundle(Map.of(".manifest", utf8("{\"revision\": \"t1\", \"roots\": [\"teams\"]}"),
                    "teams/members/data.json", utf8("[\"a\", \"b\", \"c\"]"))), 1);
            server.serve("stray", bundle(Map.of(".manifest", utf8("{\"revision\": \"s1\", \"roots\": [\"nowhere\"]}"),
                    "nowhere/data.json", utf8("{\"x\": 1}"))), 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        BundleServer.stop(SERVER);
    }

    @Test
    void aBundleReplacesTheDataOfThePolicyThatOwnsItsRootsOnly() {
        LoadedPolicy other = embedded.registry().policyFor("other/value");
        await().atMost(Duration.ofSeconds(10)).until(() -> bundles.revisions().get("teams") != null);
        assertThat(String.valueOf(evaluator.evaluateBlocking("teams/size", Map.of()).value())).isEqualTo("3");
        assertThat(embedded.registry().policyFor("other/value")).as("the other policy is untouched").isSameAs(other);
    }

    @Test
    void aBundleWhoseRootsNoPolicyOwnsIsRefused() {
        await().atMost(Duration.ofSeconds(10)).until(() -> activationsFailed("stray"));
        assertThat(bundles.revisions()).containsEntry("stray", null);
        assertThat(bundles.awaited()).isEmpty();
    }

    // OPA refuses bundles whose roots overlap (v1/bundle: "detected overlapping roots in bundle manifest")
    @Test
    void aBundleWhoseRootsOverlapAnActiveBundlesIsRefused() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> bundles.revisions().get("teams") != null);
        BundleServer.shared(SERVER).serve("overlapping", bundle(Map.of(
                ".manifest", utf8("{\"revision\": \"o1\", \"roots\": [\"teams/members\"]}"),
                "teams/members/data.json", utf8("[]"))), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> activationsFailed("overlapping"));
        assertThat(bundles.revisions()).containsEntry("overlapping", null);
        assertThat(String.valueOf(evaluator.evaluateBlocking("teams/size", Map.of()).value())).isEqualTo("3");
    }

    private boolean activationsFailed(String bundle) {
        var failed = meters.find("sark.opa.bundle.activations").tags("bundle", bundle, "result", "failed").counter();
        return failed != null && failed.count() > 0;
    }
}
