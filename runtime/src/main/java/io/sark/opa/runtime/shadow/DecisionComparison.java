package io.sark.opa.runtime.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.Decision;
import io.vertx.core.json.Json;
import java.io.UncheckedIOException;
import java.util.Comparator;

/** Whether two engines decided the same: both undefined, or both defined with one JSON value. */
final class DecisionComparison {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    // two engines may write one number differently (1 and 1.0): they agree on its value; key order never matters
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue())
            : x.equals(y) ? 0 : 1;

    private DecisionComparison() {}

    static boolean same(Decision a, Decision b) {
        if (a.isDefined() != b.isDefined()) {
            return false;
        }
        return !a.isDefined() || tree(a).equals(NUMBERS_BY_VALUE, tree(b));
    }

    /** The decision as a log shows it: its JSON value, or {@code undefined}. */
    static String describe(Decision decision) {
        return decision.isDefined() ? Json.encode(decision.value()) : "undefined";
    }

    private static JsonNode tree(Decision decision) {
        try {
            return JSON.readTree(Json.encode(decision.value()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
