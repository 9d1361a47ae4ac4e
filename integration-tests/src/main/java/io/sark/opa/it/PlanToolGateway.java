package io.sark.opa.it;

import io.sark.opa.PolicyEvaluator;
import io.smallrye.mutiny.Uni;
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
        return ToolInvocation.authorize(evaluator, DECISION, tool, user);
    }
}
