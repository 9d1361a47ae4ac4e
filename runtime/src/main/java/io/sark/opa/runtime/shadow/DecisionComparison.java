package io.sark.opa.runtime.shadow;

import io.sark.opa.Decision;
import io.sark.opa.runtime.json.CanonicalJson;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Whether two engines decided the same: both undefined, or both defined with one JSON value. */
final class DecisionComparison {

    private DecisionComparison() {}

    static boolean same(Decision a, Decision b) {
        if (a.isDefined() != b.isDefined()) {
            return false;
        }
        return !a.isDefined() || canonical(a).equals(canonical(b));
    }

    /** The decision as a log shows it: its JSON value, or {@code undefined}. */
    static String describe(Decision decision) {
        return decision.isDefined() ? Json.encode(decision.value()) : "undefined";
    }

    // Canonical text, so that 1 and 1.0, or reordered keys, are one value
    private static String canonical(Decision decision) {
        try {
            return CanonicalJson.of(Json.encode(decision.value()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
