package io.sark.opa.it;

import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Arrays;

/**
 * The sample gateway's third version, authorized by the Rego bundle {@code policies/tool-access/} (compiled at build
 * time): roles admit tools, callers act only within their tenant, resources' sensitivity needs clearance, and some
 * tools have time windows. The caller comes from {@code X-User}, {@code X-Roles} (comma-separated) and
 * {@code X-Tenant}, as an authenticating proxy would set them; the body names the resource the tool acts on
 * ({@code {"tenant": "acme", "sensitivity": "internal"}}); the time is the gateway's clock. Refusals carry the policy's
 * reasons.
 */
@Path("/v3/tools")
@Produces(MediaType.APPLICATION_JSON)
public class RegoToolGateway {

    static final String DECISION = "gateway/access/decision";

    private final PolicyEvaluator evaluator;
    private final Clock clock;

    RegoToolGateway(PolicyEvaluator evaluator, Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @POST
    @Path("/{tool}/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> invoke(@PathParam("tool") String tool, @HeaderParam("X-User") String user,
            @HeaderParam("X-Roles") String roles, @HeaderParam("X-Tenant") String tenant, JsonObject resource) {
        if (user == null || user.isBlank()) {
            return Uni.createFrom().item(ToolInvocation.refusal(Response.Status.UNAUTHORIZED, "the X-User header is missing"));
        }
        String now = clock.instant().toString();
        JsonObject input = new JsonObject().put("user", user).put("roles", rolesOf(roles)).put("tool", tool)
                .put("resource", resource == null ? new JsonObject() : resource).put("time", now);
        if (tenant != null && !tenant.isBlank()) {
            input.put("tenant", tenant); // absent rather than null: the policy refuses a request without a tenant
        }
        return evaluator.evaluate(DECISION, input)
                .map(decision -> allowed(decision)
                        ? Response.ok(new JsonObject().put("tool", tool).put("user", user).put("tenant", tenant)
                                .put("status", "invoked").put("policy", decision.policy()).put("time", now).encode()).build()
                        : Response.status(Response.Status.FORBIDDEN).entity(new JsonObject()
                                .put("error", user + " may not invoke " + tool).put("reasons", reasons(decision))
                                .encode()).build())
                .onFailure().recoverWithItem(ToolInvocation::noDecision);
    }

    /** Only {@code {"allow": true, ...}} allows: an undefined or malformed decision refuses. */
    private static boolean allowed(Decision decision) {
        return decision.value() instanceof JsonObject value && Boolean.TRUE.equals(value.getValue("allow"));
    }

    private static JsonArray reasons(Decision decision) {
        return decision.value() instanceof JsonObject value && value.getValue("reasons") instanceof JsonArray reasons
                ? reasons
                : new JsonArray();
    }

    private static JsonArray rolesOf(String header) {
        JsonArray roles = new JsonArray();
        if (header != null) {
            Arrays.stream(header.split(",")).map(String::strip).filter(r -> !r.isEmpty()).forEach(roles::add);
        }
        return roles;
    }
}
