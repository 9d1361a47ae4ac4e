package io.sark.opa.it;

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
 * The HTTP floor for load tests (benchmarks/run.sh): the tool route's request handling on the event loop (the
 * header check, the input document written as JSON, the 200 response) with the policy evaluation left out.
 * What this route serves per second bounds what any authorized route of this gateway can serve.
 */
@Path("/floor/tools")
@Produces(MediaType.APPLICATION_JSON)
public class HttpFloorGateway {

    @POST
    @Path("/{tool}/invoke")
    public Uni<Response> invoke(@PathParam("tool") String tool, @HeaderParam("X-User") String user) {
        if (user == null || user.isBlank()) {
            return Uni.createFrom().item(Response.status(Response.Status.UNAUTHORIZED)
                    .entity(new JsonObject().put("error", "the X-User header is missing").encode()).build());
        }
        // the evaluator's input encoding, kept so that only the evaluation itself is missing
        new JsonObject().put("user", user).put("tool", tool).put("action", "invoke").toBuffer();
        return Uni.createFrom().item(Response.ok(new JsonObject().put("tool", tool).put("user", user)
                .put("status", "invoked").put("policy", "none").encode()).build());
    }
}
