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
        return ToolInvocation.authorize(evaluator, DECISION, tool, user);
    }
}
