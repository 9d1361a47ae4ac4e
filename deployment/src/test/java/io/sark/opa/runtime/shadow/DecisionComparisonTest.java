package io.sark.opa.runtime.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.Decision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Two engines agree when they decide one JSON value, however each writes its numbers and orders its keys. */
class DecisionComparisonTest {

    private static Decision of(Object value) {
        return Decision.defined("p", "e", value);
    }

    @Test
    void oneValueWrittenTwoWaysAgrees() {
        assertThat(DecisionComparison.same(of(1), of(1.0))).isTrue();
        assertThat(DecisionComparison.same(of(new BigDecimal("2e2")), of(200L))).isTrue();
        assertThat(DecisionComparison.same(of(new JsonObject().put("a", 1).put("b", new JsonArray().add(0.5))),
                of(new JsonObject().put("b", new JsonArray().add(new BigDecimal("0.50"))).put("a", 1.0)))).isTrue();
        assertThat(DecisionComparison.same(Decision.undefined("p", "e"), Decision.undefined("p", "e"))).isTrue();
    }

    @Test
    void differentValuesDisagree() {
        assertThat(DecisionComparison.same(of(1), of(2))).isFalse();
        assertThat(DecisionComparison.same(of(1), of("1"))).isFalse();
        assertThat(DecisionComparison.same(of(new JsonArray().add(1).add(2)), of(new JsonArray().add(2).add(1)))).isFalse();
        assertThat(DecisionComparison.same(of(true), Decision.undefined("p", "e"))).isFalse();
    }
}
