package io.sark.opa.deployment.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyData;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.sark-opa.shared-data=false}: every instance parses its own copy of the data (issue #18 lets users
 * opt out of the shared image), decisions and data updates work as with sharing, and an update keeps the choice.
 */
class SharedDataSettingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = DataFixtures.app().overrideConfigKey("quarkus.sark-opa.shared-data", "false");

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    PolicyData data;

    @Inject
    EmbeddedEngine embedded;

    @Test
    void instancesParseTheirOwnDataAndUpdatesStillApply() {
        assertThat(embedded.registry().policyFor("pair/both").policy().sharesData()).isFalse();
        assertThat(DataFixtures.json(evaluator.evaluateBlocking("pair/both", Map.of()).value()))
                .isEqualTo(DataFixtures.json("{\"a\": 0, \"b\": 0}"));
        data.put("store/a", 5);
        assertThat(DataFixtures.json(evaluator.evaluateBlocking("pair/both", Map.of()).value()))
                .isEqualTo(DataFixtures.json("{\"a\": 5, \"b\": 0}"));
        assertThat(embedded.registry().policyFor("pair/both").policy().sharesData()).isFalse();
    }
}
