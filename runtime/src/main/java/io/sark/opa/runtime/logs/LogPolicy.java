package io.sark.opa.runtime.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.Decision;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.Input;
import java.nio.charset.StandardCharsets;

/**
 * A compiled-in policy that OPA's decision-log plugin consults with the event as input: the mask policy
 * ({@code system/log/mask}) or the drop policy ({@code system/log/drop}). Runs on the decision log's worker, never on
 * the decision path.
 */
final class LogPolicy {

    private final EmbeddedEngine embedded;
    private final String entrypoint;

    LogPolicy(EmbeddedEngine embedded, String entrypoint) {
        this.embedded = embedded;
        this.entrypoint = entrypoint;
    }

    String entrypoint() {
        return entrypoint;
    }

    /** Whether such a policy is loaded now (data updates and reloads may bring or take it). */
    boolean present() {
        return embedded != null && embedded.registry().has(entrypoint);
    }

    /** The policy's decision for {@code event}; throws when the evaluation fails. */
    Decision decide(ObjectNode event) {
        return embedded.evaluateBlocking(entrypoint, Input.json(event.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
