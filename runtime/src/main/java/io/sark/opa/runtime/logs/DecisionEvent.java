package io.sark.opa.runtime.logs;

import java.time.Instant;

/**
 * One decision as captured on the deciding thread, before it is encoded: only references and strings, so that
 * capturing costs the decision path next to nothing.
 *
 * @param input the input's JSON bytes, {@code null} when there was none
 * @param result the decision's value (Vert.x JSON types), meaningful only when {@code defined}
 * @param bundle the policy that decided, {@code null} for the remote server
 * @param requestedBy the client's address for decision API requests, else {@code null}
 * @param error the failure's message when the evaluation failed, else {@code null}
 */
record DecisionEvent(String decisionId, String path, byte[] input, boolean defined, Object result, String bundle,
        String revision, Instant timestamp, long evalNanos, String requestedBy, String error) {
}
