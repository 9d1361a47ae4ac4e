package io.sark.opa.runtime.cache;

import io.sark.opa.Decision;
import io.sark.opa.runtime.json.ResultSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A decision as an in-process cache keeps it: read from its result set once, so that a hit parses nothing. A
 * {@code JsonObject} or {@code JsonArray} value could be changed by the caller that gets it, so each hit gets a copy
 * of those; the other values (strings, numbers, booleans, null) cannot change and are shared.
 */
final class KeptDecision {

    private final Decision decision;
    private final long bytes;

    KeptDecision(String policy, String entrypoint, String resultSet) {
        this.decision = ResultSet.decision(policy, entrypoint, resultSet);
        // maps, lists and boxed values take several times the text they were read from
        this.bytes = 8L * resultSet.length();
    }

    /** The decision, for one caller. */
    Decision decision() {
        Object value = decision.value();
        if (value instanceof JsonObject object) {
            return Decision.defined(decision.policy(), decision.entrypoint(), object.copy());
        }
        if (value instanceof JsonArray array) {
            return Decision.defined(decision.policy(), decision.entrypoint(), array.copy());
        }
        return decision;
    }

    /** The memory it holds, estimated for the cache budget. */
    long bytes() {
        return bytes;
    }
}
