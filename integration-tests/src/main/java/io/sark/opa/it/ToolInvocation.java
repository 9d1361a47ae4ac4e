package io.sark.opa.it;

import io.sark.opa.PolicyEvaluator;
import io.sark.opa.engine.InvalidInputException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;

/**
 * One tool invocation authorized by a policy entrypoint, on the event loop. A request without a user, or one
 * the policy does not allow (an undefined decision or an error included), is refused.
 */
final class ToolInvocation {

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

    /** The policy could not decide: the caller's fault (input the engine refuses) is 400, any other failure 503. */
    static Response noDecision(Throwable failure) {
        return refusal(failure instanceof InvalidInputException ? Response.Status.BAD_REQUEST
                : Response.Status.SERVICE_UNAVAILABLE, "no decision: " + failure.getMessage());
    }

    static Response refusal(Response.Status status, String reason) {
        return Response.status(status).entity(new JsonObject().put("error", reason).encode()).build();
    }
}
