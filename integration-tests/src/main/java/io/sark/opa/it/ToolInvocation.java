package io.sark.opa.it;

import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.InvalidInputException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * One tool invocation authorized by a policy entrypoint, on the event loop. A request without a user, or one
 * the policy does not allow (an undefined decision or an error included), is refused.
 */
final class ToolInvocation {

    private static final Logger LOG = Logger.getLogger(ToolInvocation.class);

    private ToolInvocation() {}

    static Uni<Response> authorize(PolicyEvaluator evaluator, String entrypoint, String tool, String user) {
        if (user == null || user.isBlank()) {
            return Uni.createFrom().item(refusal(Response.Status.UNAUTHORIZED, "the X-User header is missing"));
        }
        JsonObject input = new JsonObject().put("user", user).put("tool", tool).put("action", "invoke");
        return evaluator.evaluate(entrypoint, input)
                .map(decision -> decision.allowed()
                        ? Response.ok(new JsonObject().put("tool", tool).put("user", user).put("status", "invoked")
                                .put("policy", decision.policy()).encode()).build()
                        : refusal(Response.Status.FORBIDDEN, user + " may not invoke " + tool))
                .onFailure().recoverWithItem(ToolInvocation::noDecision);
    }

    /**
     * The caller's fault (input the engine refuses) is 400 with what is wrong with the input; any other failure is
     * 503 with a fixed reason: its own text (remote URLs, class names) is for the log, at DEBUG, so that failing
     * requests cannot flood it.
     */
    static Response noDecision(Throwable failure) {
        LOG.debugf(failure, "no decision");
        if (failure instanceof InvalidInputException) {
            return refusal(Response.Status.BAD_REQUEST, "no decision: " + failure.getMessage());
        }
        return refusal(Response.Status.SERVICE_UNAVAILABLE, "no decision: the policy could not be evaluated");
    }

    static Response refusal(Response.Status status, String reason) {
        return Response.status(status).entity(new JsonObject().put("error", reason).encode()).build();
    }
}
