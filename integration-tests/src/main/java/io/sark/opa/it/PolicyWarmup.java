package io.sark.opa.it;

import io.quarkus.runtime.StartupEvent;
import io.sark.opa.PolicyEvaluator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Decides once at startup with the Rego policy, which calls host builtins (time zones, formatting): the JVM loads and
 * verifies the policy's generated classes and those builtins then, not inside the first request's evaluation timeout.
 * Best effort: a failure here is logged, and requests still fail closed.
 */
public class PolicyWarmup {

    private static final Logger LOG = Logger.getLogger(PolicyWarmup.class);

    void warm(@Observes StartupEvent startup, PolicyEvaluator evaluator, Clock clock) {
        JsonObject input = new JsonObject().put("user", "warmup").put("roles", new JsonArray().add("admin"))
                .put("tenant", "acme").put("tool", "deploy")
                .put("resource", new JsonObject().put("tenant", "acme").put("sensitivity", "public"))
                .put("time", clock.instant().toString());
        try {
            evaluator.evaluateBlocking(RegoToolGateway.DECISION, input);
        } catch (RuntimeException e) {
            LOG.warnf("warming up %s failed: %s", RegoToolGateway.DECISION, e.getMessage());
        }
    }
}
