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
 * The sample gateway's second version, authorized by the plan bundle {@code policies/gateway-tools/}: OPA IR that
 * the extension compiles to wasm and then to JVM bytecode at build time. A user may invoke a tool when the role
 * {@code data.gateway.users[user].role} is one of {@code data.gateway.tools[tool].roles}. A request without a user,
 * or one the policy does not allow (including an error), is refused.
 */
@Path("/v2/tools")
@Produces(MediaType.APPLICATION_JSON)
public class PlanToolGateway {

    static final String DECISION = "gateway/tools/allow";

    private final PolicyEvaluator evaluator;

    PlanToolGateway(PolicyEvaluator evaluator) {
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
                                .put("policy", decision.policy()).encode()).build()
                        : refusal(Response.Status.FORBIDDEN, user + " may not invoke " + tool))
                .onFailure().recoverWithItem(failure ->
                        refusal(Response.Status.SERVICE_UNAVAILABLE, "no decision: " + failure.getMessage()));
    }

    private static Response refusal(Response.Status status, String reason) {
        return Response.status(status).entity(new JsonObject().put("error", reason).encode()).build();
    }
}
