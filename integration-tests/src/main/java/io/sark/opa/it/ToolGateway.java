package io.sark.opa.it;

import io.sark.opa.PolicyEvaluator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The sample gateway: invoking a tool is authorized per request by the policy, on the event loop. A request
 * without a user, or one the policy does not allow (including an undefined decision or an error), is refused.
 */
@Path("/tools")
@Produces(MediaType.APPLICATION_JSON)
public class ToolGateway {

    static final String DECISION = "opa/wasm/test/allowed";

    private final PolicyEvaluator evaluator;

    ToolGateway(PolicyEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @POST
    @Path("/{tool}/invoke")
    public Uni<Response> invoke(@PathParam("tool") String tool, @HeaderParam("X-User") String user) {
        if (user == null || user.isBlank()) {
            return Uni.createFrom().item(refusal(Response.Status.UNAUTHORIZED, "the X-User header is missing"));
        }
        JsonObject input = new JsonObject().put("user", user).put("tool", tool).put("action", "invoke");
        return evaluator.evaluate(DECISION, input)
                .map(decision -> decision.allowed()
                        ? Response.ok(new JsonObject().put("tool", tool).put("user", user).put("status", "invoked")
                                .encode()).build()
                        : refusal(Response.Status.FORBIDDEN, user + " may not invoke " + tool))
                .onFailure().recoverWithItem(failure ->
                        refusal(Response.Status.SERVICE_UNAVAILABLE, "no decision: " + failure.getMessage()));
    }

    private static Response refusal(Response.Status status, String reason) {
        return Response.status(status).entity(new JsonObject().put("error", reason).encode()).build();
    }
}
