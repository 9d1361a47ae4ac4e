package io.sark.opa.deployment.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.deployment.WatModules;
import io.sark.opa.runtime.logs.DecisionLog;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.LogRecord;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console sink: one JSON line per decision at INFO under its own category (OPA's decision_logs.console). */
class DecisionLogConsoleTest {

    /** OPA's mask policy: its input is the event, its result the paths to erase. */
    static final String MASK_POLICY = """
            package system.log

            # METADATA
            # entrypoint: true
            mask contains "/input/token" if input.input.user == "alice"

            mask contains "/result/token" if input.input.user == "alice"

            mask contains "/labels" if input.input.user == "alice"

            # METADATA
            # entrypoint: true
            drop if input.input.user == "mallory"
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new ByteArrayAsset(WatModules.opaModule(1, 3, "{}", WatModules.ECHO_INPUT)),
                            "policies/echo.wasm")
                    .addAsResource(new StringAsset(MASK_POLICY), "policies/logmask/mask.rego"))
            .overrideConfigKey("quarkus.sark-opa.decision-logs.console", "true")
            .overrideConfigKey("quarkus.sark-opa.decision-logs.mask", "/input/secret");

    private final List<LogRecord> captured = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            captured.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    PolicyEvaluator evaluator;

    @BeforeEach
    void capture() {
        captured.clear(); // the application may keep one test instance for all methods
        Logger.getLogger(DecisionLog.CONSOLE_CATEGORY).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(DecisionLog.CONSOLE_CATEGORY).removeHandler(capture);
    }

    @Test
    void eachDecisionIsOneJsonLine() {
        List<String> ids = List.of(
                evaluator.evaluateBlocking("allow", new JsonObject().put("secret", "x").put("n", 1)).decisionId(),
                evaluator.evaluateBlocking("allow", null).decisionId(),
                evaluator.evaluateBlocking("allow", new JsonObject().put("n", 3)).decisionId());

        await().atMost(Duration.ofSeconds(10)).until(() -> captured.size() >= 3);
        List<LogRecord> records = List.copyOf(captured);
        assertThat(records).hasSize(3).allSatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.INFO);
            assertThat(r.getMessage()).doesNotContain("\n");
        });
        List<JsonObject> events = records.stream().map(r -> new JsonObject(r.getMessage())).toList();
        assertThat(events).extracting(e -> e.getString("decision_id")).containsExactlyElementsOf(ids);
        assertThat(events.get(0).getJsonObject("input")).isEqualTo(new JsonObject().put("n", 1));
        assertThat(events.get(0).getJsonArray("erased").getList()).containsExactly("/input/secret");
        // OPA's member order (EventV1): the erased paths come before the timestamp and the metrics
        assertThat(List.copyOf(events.get(0).fieldNames())).containsExactly("labels", "decision_id", "bundles", "path",
                "input", "result", "erased", "timestamp", "metrics");
        // no input, undefined: OPA's event then has neither input nor result
        assertThat(events.get(1).fieldNames()).doesNotContain("input", "result", "erased");
        assertThat(events.get(2).getJsonObject("result")).isEqualTo(new JsonObject().put("n", 3));
    }

    @Test
    void theMaskPolicyErasesWhatItNamesForTheEventItIsGiven() {
        String alice = evaluator.evaluateBlocking("allow", new JsonObject().put("user", "alice").put("token", "t"))
                .decisionId();
        String bob = evaluator.evaluateBlocking("allow", new JsonObject().put("user", "bob").put("token", "t"))
                .decisionId();

        await().atMost(Duration.ofSeconds(10)).until(() -> captured.size() >= 2);
        List<JsonObject> events = captured.stream().map(r -> new JsonObject(r.getMessage())).toList();
        assertThat(events).extracting(e -> e.getString("decision_id")).containsExactly(alice, bob);
        JsonObject masked = events.get(0);
        assertThat(masked.getJsonObject("input")).isEqualTo(new JsonObject().put("user", "alice"));
        assertThat(masked.getJsonObject("result")).isEqualTo(new JsonObject().put("user", "alice"));
        // a path outside /input and /result is no mask OPA takes: the labels stay
        assertThat(masked.getJsonArray("erased").getList()).containsExactlyInAnyOrder("/input/token", "/result/token");
        assertThat(masked.containsKey("labels")).isTrue();
        assertThat(events.get(1).getJsonObject("input")).isEqualTo(new JsonObject().put("user", "bob").put("token", "t"));
        assertThat(events.get(1).containsKey("erased")).isFalse();
    }

    @Test
    void theDropPolicyKeepsWhatItDropsOutOfTheLog() {
        String mallory = evaluator.evaluateBlocking("allow", new JsonObject().put("user", "mallory")).decisionId();
        String bob = evaluator.evaluateBlocking("allow", new JsonObject().put("user", "bob")).decisionId();

        // events are written in order by one worker: once bob's is there, mallory's would have been too
        await().atMost(Duration.ofSeconds(10)).until(() -> captured.stream()
                .anyMatch(r -> new JsonObject(r.getMessage()).getString("decision_id").equals(bob)));
        assertThat(captured).extracting(r -> new JsonObject(r.getMessage()).getString("decision_id"))
                .doesNotContain(mallory);
        assertThat(mallory).isNotNull(); // the caller still has its decision and its id
    }
}
