package io.sark.opa.runtime.server;

import io.sark.opa.Decision;
import io.sark.opa.engine.UnknownEntrypointException;
import io.sark.opa.runtime.engine.EnginePolicyEvaluator;
import io.sark.opa.runtime.engine.PolicyRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers {@code GET} and {@code POST /v1/data/…} as OPA's Data API does: 200 with {@code result}, or 200
 * without it when the document is undefined; 400 {@code invalid_parameter} for a request it cannot read;
 * 500 {@code internal_error} when the evaluation fails ({@link FailureAnswer}). Runs on the event loop and never blocks it.
 */
final class DataApiHandler {

    private static final String API_USAGE_WARNING = "api_usage_warning";

    private final EnginePolicyEvaluator evaluator;
    private final Supplier<PolicyRegistry> policies;

    DataApiHandler(EnginePolicyEvaluator evaluator, Supplier<PolicyRegistry> policies) {
        this.evaluator = evaluator;
        this.policies = policies;
    }

    void post(RoutingContext ctx) {
        long start = System.nanoTime();
        try {
            String entrypoint = DataPath.entrypoint(ctx);
            decide(ctx, entrypoint, DataRequestInput.fromPostBody(ctx.body().buffer()), start, true);
        } catch (BadRequestException e) {
            OpaResponses.error(ctx, 400, OpaResponses.INVALID_PARAMETER, e.getMessage());
        }
    }

    void get(RoutingContext ctx) {
        long start = System.nanoTime();
        try {
            String entrypoint = DataPath.entrypoint(ctx);
            List<String> inputs = ctx.queryParam("input");
            String input = inputs.isEmpty() ? null : inputs.get(inputs.size() - 1); // the last one, as OPA
            decide(ctx, entrypoint, DataRequestInput.fromQuery(input), start, false);
        } catch (BadRequestException e) {
            OpaResponses.error(ctx, 400, OpaResponses.INVALID_PARAMETER, e.getMessage());
        }
    }

    private void decide(RoutingContext ctx, String entrypoint, DataRequestInput input, long start, boolean post) {
        long parsed = System.nanoTime();
        // OPA logs the client's address as requested_by
        String client = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().toString();
        evaluator.evaluate(entrypoint, input.json(), client).subscribe().with(
                decision -> answer(ctx, decision, null, input, start, parsed, post),
                failure -> {
                    if (failure instanceof UnknownEntrypointException unknown) {
                        // OPA answers an undefined document; the warning says why it is undefined here
                        answer(ctx, null, unknown.getMessage(), input, start, parsed, post);
                    } else {
                        FailureAnswer error = FailureAnswer.of(entrypoint, failure);
                        OpaResponses.error(ctx, error.status(), error.code(), error.message());
                    }
                });
    }

    private void answer(RoutingContext ctx, Decision decision, String unknownPath, DataRequestInput input, long start,
            long parsed, boolean post) {
        long evaluated = System.nanoTime();
        JsonObject body = new JsonObject();
        if (decision != null && decision.isDefined()) {
            body.put("result", decision.value());
        }
        if (decision != null && decision.decisionId() != null) {
            body.put("decision_id", decision.decisionId()); // as OPA, when decision logging is on
        }
        if (unknownPath != null) {
            body.put("warning", warning(unknownPath));
        } else if (post && !input.present()) {
            body.put("warning", warning("'input' key missing from the request"));
        }
        if (QueryFlags.on(ctx, "metrics")) {
            body.put("metrics", new JsonObject()
                    .put("timer_rego_input_parse_ns", parsed - start)
                    .put("timer_rego_query_eval_ns", evaluated - parsed)
                    .put("timer_server_handler_ns", System.nanoTime() - start));
        }
        if (QueryFlags.on(ctx, "provenance")) {
            body.put("provenance", Provenance.of(policies.get()));
        }
        OpaResponses.json(ctx, 200, body, QueryFlags.on(ctx, "pretty"));
    }

    private static JsonObject warning(String message) {
        return new JsonObject().put("code", API_USAGE_WARNING).put("message", message);
    }
}
