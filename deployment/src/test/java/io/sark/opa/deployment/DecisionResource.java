package io.sark.opa.deployment;

import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The dev-mode test apps' endpoints: the decision for a user, as text ({@code true}, {@code false} or
 * {@code undefined}), of the demo policy ({@code /decision/{user}}) or of the Rego fixture ({@code /decision/rego/{user}}).
 */
@Path("/decision")
public class DecisionResource {

    @Inject
    PolicyEvaluator evaluator;

    @GET
    @Path("/{user}")
    @Produces(MediaType.TEXT_PLAIN)
    public String decide(@PathParam("user") String user) {
        return decide(PolicyFixtures.DEMO_ENTRYPOINT, user);
    }

    @GET
    @Path("/rego/{user}")
    @Produces(MediaType.TEXT_PLAIN)
    public String decideWithRego(@PathParam("user") String user) {
        return decide(RegoFixtures.ENTRYPOINT, user);
    }

    private String decide(String entrypoint, String user) {
        Decision decision = evaluator.evaluateBlocking(entrypoint, "{\"user\":\"" + user + "\"}");
        return decision.isDefined() ? String.valueOf(decision.value()) : "undefined";
    }
}
