package io.sark.opa.deployment.data;

import static io.sark.opa.deployment.data.DataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.DataPatch;
import io.sark.opa.DataUpdateException;
import io.sark.opa.PolicyData;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.Input;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PolicyData} changes a Rego policy's data at run time with the semantics of OPA's storage
 * (v1/storage/inmem: add needs the parent, replace and remove the target, the root is an object), through the
 * decision cache, and lets the replaced policies' instances go.
 */
class PolicyDataTest {

    @RegisterExtension
    static final QuarkusUnitTest app = DataFixtures.app()
            .overrideConfigKey("quarkus.sark-opa.cache.enabled", "true")
            // quarkus-redis-cache, on the test classpath, defaults to redis
            .overrideConfigKey("quarkus.cache.type", "caffeine");

    @Inject
    PolicyData data;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    EmbeddedEngine embedded;

    @Inject
    Vertx vertx;

    @AfterEach
    void restoreTheBuiltData() {
        data.put("store", json(DataFixtures.DATA));
    }

    private JsonNode doc() {
        return json(evaluator.evaluateBlocking("pair/doc", Map.of()).value());
    }

    private JsonNode both() {
        return json(evaluator.evaluateBlocking("pair/both", Map.of()).value());
    }

    @Test
    void putCreatesMissingParentsAndReplacesWhatIsThere() {
        long before = data.revision();
        data.put("store/roles/bob", "user");
        data.put("/store/new/deep/leaf/", true);
        data.put("store/a", 5);
        assertThat(doc()).isEqualTo(json("""
                {"a": 5, "b": 0, "roles": {"alice": "admin", "bob": "user"}, "list": [1, 2],
                 "new": {"deep": {"leaf": true}}}"""));
        assertThat(data.revision()).isEqualTo(before + 3);
    }

    @Test
    void putIfAbsentWritesOnlyWhereNothingIs() {
        assertThat(data.putIfAbsent("store/a", 9)).isFalse();
        assertThat(data.putIfAbsent("store/c", 9)).isTrue();
        assertThat(doc()).isEqualTo(json("{\"a\": 0, \"b\": 0, \"c\": 9, \"roles\": {\"alice\": \"admin\"}, \"list\": [1, 2]}"));
    }

    @Test
    void patchAppliesItsOperationsInOrderRelativeToItsPath() {
        data.patch("store", List.of(DataPatch.add("roles/bob", "user"), DataPatch.replace("/a", 7),
                DataPatch.remove("roles/alice"), DataPatch.add("list/-", 3), DataPatch.add("list/0", 0)));
        assertThat(doc()).isEqualTo(json("{\"a\": 7, \"b\": 0, \"roles\": {\"bob\": \"user\"}, \"list\": [0, 1, 2, 3]}"));
    }

    @Test
    void aPatchThatCannotApplyChangesNothing() {
        long before = data.revision();
        assertThatThrownBy(() -> data.patch("store", List.of(DataPatch.replace("a", 1), DataPatch.replace("nope", 1))))
                .isInstanceOfSatisfying(DataUpdateException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DataUpdateException.Reason.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("/store/nope: document does not exist");
                });
        assertThat(doc()).isEqualTo(json(DataFixtures.DATA));
        assertThat(data.revision()).isEqualTo(before);
    }

    @Test
    void missingDocumentsAndBadPathsAreNamed() {
        assertThat(reason(() -> data.remove("store/nobody"))).isEqualTo(DataUpdateException.Reason.NOT_FOUND);
        assertThat(reason(() -> data.patch("store", List.of(DataPatch.add("no/parent", 1)))))
                .isEqualTo(DataUpdateException.Reason.NOT_FOUND);
        assertThat(reason(() -> data.patch("store", List.of(DataPatch.remove("list/5")))))
                .isEqualTo(DataUpdateException.Reason.NOT_FOUND);
        assertThat(reason(() -> data.put("store/a/under/a/number", 1))).isEqualTo(DataUpdateException.Reason.CONFLICT);
        assertThat(reason(() -> data.put("", List.of(1)))).isEqualTo(DataUpdateException.Reason.INVALID);
        assertThat(reason(() -> data.remove("/"))).isEqualTo(DataUpdateException.Reason.INVALID);
        assertThat(reason(() -> data.put("store//a", 1))).isEqualTo(DataUpdateException.Reason.INVALID);
        assertThat(doc()).isEqualTo(json(DataFixtures.DATA));
    }

    @Test
    void removeDeletesTheDocument() {
        data.remove("store/roles/alice");
        assertThat(doc()).isEqualTo(json("{\"a\": 0, \"b\": 0, \"roles\": {}, \"list\": [1, 2]}"));
    }

    @Test
    void noCachedDecisionOfOlderDataIsAnswered() {
        assertThat(both()).isEqualTo(json("{\"a\": 0, \"b\": 0}"));
        long ran = embedded.engineEvaluations();
        assertThat(both()).isEqualTo(json("{\"a\": 0, \"b\": 0}"));
        assertThat(embedded.engineEvaluations()).as("the second decision came from the cache").isEqualTo(ran);

        data.put("store/a", 1);

        assertThat(both()).isEqualTo(json("{\"a\": 1, \"b\": 0}"));
        assertThat(embedded.engineEvaluations()).isEqualTo(ran + 1);
    }

    @Test
    void equalDataGivesEqualFingerprints() {
        data.put("store/a", 1);
        String one = embedded.registry().policyFor("pair/both").fingerprint();
        data.put("store/a", 2);
        data.put("store/a", 1);
        assertThat(embedded.registry().policyFor("pair/both").fingerprint()).isEqualTo(one);
    }

    @Test
    void aReplacedPolicyAndItsEventLoopInstancesBecomeGarbage() throws Exception {
        data.put("store/a", 1);
        WeakReference<OpaPolicy> replaced = new WeakReference<>(embedded.registry().policyFor("pair/both").policy());
        // an event loop's instance, kept in a thread local of the policy, and a pooled one
        CompletableFuture<Object> onLoop = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> onLoop.complete(
                embedded.evaluateBlocking("pair/both", Input.json("{}".getBytes())).value()));
        assertThat(json(onLoop.get(10, TimeUnit.SECONDS))).isEqualTo(json("{\"a\": 1, \"b\": 0}"));
        assertThat(embedded.evaluateBlocking("pair/doc", Input.json("{}".getBytes())).isDefined()).isTrue();

        data.put("store/a", 2);

        for (int i = 0; i < 50 && replaced.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(replaced.get()).as("the replaced policy is unreachable").isNull();
    }

    private static DataUpdateException.Reason reason(Runnable update) {
        try {
            update.run();
        } catch (DataUpdateException e) {
            return e.reason();
        }
        throw new AssertionError("the update did not fail");
    }
}
