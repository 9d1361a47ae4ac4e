package io.sark.opa.runtime.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import org.jboss.logging.Logger;

/**
 * OPA's drop policy ({@code decision_logs.drop_decision}, by default {@code system/log/drop}): when a compiled-in
 * policy has that entrypoint, it is evaluated with the event as input before anything is masked, and an event for
 * which it is {@code true} is not logged. As in OPA (v1/plugins/logs/plugin.go, {@code dropEvent} then
 * {@code rs.Allowed()}), only the boolean {@code true} drops, and an event whose drop decision fails is not logged.
 */
final class DropPolicy {

    static final String ENTRYPOINT = "system/log/drop";

    private static final Logger LOG = Logger.getLogger(DropPolicy.class);

    private final LogPolicy policy;

    DropPolicy(EmbeddedEngine embedded) {
        this.policy = new LogPolicy(embedded, ENTRYPOINT);
    }

    boolean present() {
        return policy.present();
    }

    /** Whether {@code event} is dropped: the policy says {@code true}, or it failed. */
    boolean drops(ObjectNode event) {
        try {
            return Boolean.TRUE.equals(policy.decide(event).value());
        } catch (RuntimeException e) {
            LOG.warnf("the drop policy %s failed; the event is not logged, as OPA does: %s", ENTRYPOINT,
                    e.getMessage());
            return true;
        }
    }
}
