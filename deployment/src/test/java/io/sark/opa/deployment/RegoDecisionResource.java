package io.sark.opa.deployment;

import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The Rego dev-mode tests' endpoint: {@code authz/allow} for a user, as text ({@code true}/{@code undefined}). */
@Path("/rego")
public class RegoDecisionResource {

    @Inject
    PolicyEvaluator evaluator;

    @GET
    @Path("/{user}")
    @Produces(MediaType.TEXT_PLAIN)
    public String decide(@PathParam("user") String user) {
        Decision decision = evaluator.evaluateBlocking(RegoFixtures.ENTRYPOINT, "{\"user\":\"" + user + "\"}");
        return decision.isDefined() ? String.valueOf(decision.value()) : "undefined";
    }
}
