package io.sark.opa.deployment.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.bundle.ServiceLoadedCompiler;
import io.sark.opa.deployment.PolicyFixtures;
import io.sark.opa.deployment.WatModules;
import io.sark.opa.runtime.bundles.BundlePollers;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bundle carrying a policy (policy.wasm built by our compiler, as {@code opa build -t wasm} lays it out) polled
 * from a real nginx replaces the policy of the same name built into the application: the decision changes within
 * a poll, a new entrypoint is served by the Data API, readiness shows the bundle's revision, cached decisions of
 * the old module are not served; a module importing a builtin no host provides is refused while the last good
 * policy serves. This module's tests have Chicory's compiler (a dependency of the deployment module), so the
 * policy is compiled to bytecode at run time; PolicyBundleLoaderTest covers the interpreter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyBundlePollingTest {

    static final String SERVER = "policy-bundle-polling-test";
    static final String BUILT_IN = """
            package gate

            # METADATA
            # entrypoint: true
            allow := input.user == "alice"
            """;
    static final String OTHER = """
            package other

            # METADATA
            # entrypoint: true
            value := 1
            """;
    static final String SERVED = """
            package gate

            # METADATA
            # entrypoint: true
            allow := input.user == data.config.admin

            # METADATA
            # entrypoint: true
            extra := "%s"
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(BUILT_IN), "policies/gate/gate.rego")
            .addAsResource(new StringAsset(OTHER), "policies/other/other.rego")
            .addAsResource(new StringAsset("{\"roots\": [\"other\"]}"), "policies/other/.manifest")
            .addAsResource(new StringAsset("{\"revision\": \"built-in\", \"roots\": [\"gate\", \"config\"]}"),
                    "policies/gate/.manifest")
            .addClasses(BundleServer.class, PolicyFixtures.class, WatModules.class)
            .addAsResource("wat/json-text-abi.wat").addAsResource("wat/one-call-eval.wat.part"))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.cache.type", "caffeine")
            .overrideConfigKey("quarkus.sark-opa.server.enabled", "true")
            .overrideConfigKey("quarkus.sark-opa.services.nginx.url", started().url())
            .overrideConfigKey("quarkus.sark-opa.bundles.gate.service", "nginx")
            .overrideConfigKey("quarkus.sark-opa.bundles.gate.polling.min-delay", "100ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.gate.polling.max-delay", "300ms")
            .overrideConfigKey("quarkus.sark-opa.bundles.gate.persist", "true")
            .overrideConfigKey("quarkus.sark-opa.persistence-directory", persistence().toString())
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.sark.opa.runtime.bundles"))
            .assertLogRecords(records -> {
                List<String> messages = records.stream().map(r -> ((ExtLogRecord) r).getFormattedMessage()).toList();
                assertThat(messages.stream().filter(m -> m.startsWith("policies activated from bundles are")))
                        .containsExactly("policies activated from bundles are compiled to bytecode by Chicory's "
                                + "run-time compiler");
                assertThat(messages).anyMatch(m -> m.contains("is refused: entrypoint other/value of the bundle's "
                        + "policy belongs to policy 'other'; revision 'r4' stays active"));
            });

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    BundlePollers bundles;

    @Inject
    MeterRegistry meters;

    private static BundleServer started() {
        BundleServer server = BundleServer.shared(SERVER);
        try {
            server.serve("gate", policyBundle("r1", SERVED.formatted("v1")), 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    private static Path persistence() {
        return BundleServer.persistence(SERVER);
    }

    /** A wasm bundle as {@code opa build -t wasm} writes it: the module, the manifest, the data. */
    private static byte[] policyBundle(String revision, String rego) throws Exception {
        byte[] wasm = new ServiceLoadedCompiler().toWasm("test", Map.of("gate.rego", bytes(rego)));
        return bundle(revision, wasm);
    }

    private static byte[] bundle(String revision, byte[] wasm) throws Exception {
        return PolicyFixtures.bundle(Map.of(".manifest", bytes("{\"revision\": \"" + revision
                + "\", \"roots\": [\"gate\", \"config\"]}"), "policy.wasm", wasm, "config/data.json",
                bytes("{\"admin\": \"bob\"}")));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        BundleServer.stop(SERVER);
    }

    @Test
    @Order(1)
    void theBundlesPolicyReplacesTheBuiltInOneWithItsEntrypointsAndRevision() {
        await().atMost(Duration.ofSeconds(10)).until(() -> allowed("bob"));
        assertThat(allowed("alice")).isFalse();
        assertThat(bundles.revisions()).containsEntry("gate", "r1");
        RestAssured.given().contentType("application/json").body("{}")
                .when().post("/v1/data/gate/extra").then().statusCode(200).body("result", equalTo("v1"));
        RestAssured.when().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == "
                + "'sark-opa policies' }.data.gate", equalTo("r1"));
    }

    // the same revision and data: only the module differs, and no cached decision of the old one is answered
    @Test
    @Order(2)
    void aNewModuleChangesTheDecisionWithinAPollAndIsPersisted() throws Exception {
        await().until(() -> allowed("bob"));
        byte[] archive = policyBundle("r1", SERVED.replace("==", "!=").formatted("v2"));
        BundleServer.shared(SERVER).serve("gate", archive, 2);
        long served = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> !allowed("bob"));
        assertThat(Duration.ofNanos(System.nanoTime() - served)).isLessThan(Duration.ofSeconds(2));
        assertThat(allowed("alice")).isTrue();
        assertThat(evaluator.evaluateBlocking("gate/extra", Map.of()).value()).isEqualTo("v2");
        Path persisted = persistence().resolve("bundles/gate/bundle.tar.gz");
        await().until(() -> Files.exists(persisted) && Arrays.equals(Files.readAllBytes(persisted), archive));
    }

    @Test
    @Order(3)
    void aModuleImportingAnUnknownBuiltinIsRefusedWhileTheLastGoodPolicyServes() throws Exception {
        await().until(() -> !allowed("bob"));
        double failed = count("failed");
        byte[] unknown = WatModules.opaModule(1, 3, "{\"no.such.builtin\":0}", WatModules.ECHO_INPUT);
        BundleServer.shared(SERVER).serve("gate", bundle("r3", unknown), 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("failed") > failed);
        assertThat(allowed("bob")).isFalse();
        assertThat(evaluator.evaluateBlocking("gate/extra", Map.of()).value()).isEqualTo("v2");
        assertThat(bundles.revisions()).containsEntry("gate", "r1");
    }

    @Test
    @Order(4)
    void aModuleWithAnotherPolicysEntrypointIsRefused() throws Exception {
        BundleServer.shared(SERVER).serve("gate", policyBundle("r4", SERVED.formatted("v4")), 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> allowed("bob"));
        double failed = count("failed");
        byte[] colliding = PolicyFixtures.bundle(Map.of("policy.wasm", new ServiceLoadedCompiler().toWasm("test",
                Map.of("other.rego", bytes(OTHER)))));
        BundleServer.shared(SERVER).serve("gate", colliding, 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("failed") > failed);
        assertThat(allowed("bob")).isTrue();
        assertThat(evaluator.evaluateBlocking("other/value", Map.of()).value()).isEqualTo(1);
        assertThat(bundles.revisions()).containsEntry("gate", "r4");
    }

    private boolean allowed(String user) {
        return Boolean.TRUE.equals(evaluator.evaluateBlocking("gate/allow", Map.of("user", user)).value());
    }

    private double count(String result) {
        var counter = meters.find("sark.opa.bundle.activations").tags("bundle", "gate", "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
