package io.sark.opa.deployment.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events still buffered when the application stops are uploaded before it ends, not lost. */
class DecisionLogShutdownTest {

    // in a system property: the test runs in the application's class loader, the check after it stopped outside it
    private static final String IDS = DecisionLogShutdownTest.class.getName() + ".ids";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogReceiver.class).addAsResource(
                    new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)), "policies/echo.wasm"))
            .overrideConfigKey("quarkus.sark-opa.services.receiver.url", LogReceiver.url())
            .overrideConfigKey("quarkus.sark-opa.decision-logs.service", "receiver")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.min-delay", "1h")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.upload.max-delay", "2h")
            .setAfterAllCustomizer(DecisionLogShutdownTest::everyDecisionWasUploadedAtShutdown);

    @Inject
    PolicyEvaluator evaluator;

    @Test
    void decisionsWaitForTheNextUpload() {
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(evaluator.evaluateBlocking("allow", new JsonObject().put("n", i)).decisionId());
        }
        System.getProperties().put(IDS, ids);
        assertThat(LogReceiver.events()).isEmpty(); // the first upload is an hour away
    }

    @SuppressWarnings("unchecked")
    private static void everyDecisionWasUploadedAtShutdown() {
        try {
            List<String> ids = (List<String>) System.getProperties().remove(IDS);
            assertThat(ids).hasSize(500);
            assertThat(LogReceiver.events().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            try {
                LogReceiver.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
