package io.sark.opa.runtime.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.Decision;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * OPA's mask policy ({@code decision_logs.mask_decision}, by default {@code system/log/mask}): when a compiled-in
 * policy has that entrypoint, it is evaluated with the event as input, and the paths in its result (a set of strings,
 * OPA's simple form) are erased as configured masks are.
 */
final class MaskPolicy {

    static final String ENTRYPOINT = "system/log/mask";

    private static final Logger LOG = Logger.getLogger(MaskPolicy.class);

    private final LogPolicy policy;

    MaskPolicy(EmbeddedEngine embedded) {
        this.policy = new LogPolicy(embedded, ENTRYPOINT);
    }

    boolean present() {
        return policy.present();
    }

    /** The masks the policy gives for {@code event}; none when it is undefined, fails or gives no set of paths. */
    EventMask masksFor(ObjectNode event) {
        List<String> paths = new ArrayList<>();
        try {
            Decision decision = policy.decide(event);
            if (decision.value() instanceof JsonArray array) {
                for (Object path : array) {
                    if (path instanceof String text && EventMask.valid(text)) {
                        paths.add(text);
                    } else {
                        LOG.debugf("the mask policy's %s is not a path under /input or /result: ignored", path);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("the mask policy %s failed; the event is logged with the configured masks only: %s", ENTRYPOINT,
                    e.getMessage());
        }
        return new EventMask(paths);
    }
}
