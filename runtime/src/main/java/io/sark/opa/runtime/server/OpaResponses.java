package io.sark.opa.runtime.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the decision API's JSON answers, errors as OPA writes them: {@code {"code": …, "message": …}}. */
final class OpaResponses {

    static final String INVALID_PARAMETER = "invalid_parameter";
    static final String INTERNAL_ERROR = "internal_error";
    static final String UNAUTHORIZED = "unauthorized";
    static final String RESOURCE_NOT_FOUND = "resource_not_found";
    static final String RESOURCE_CONFLICT = "resource_conflict";
    static final String INVALID_OPERATION = "invalid_operation";

    private OpaResponses() {}

    static void json(RoutingContext ctx, int status, JsonObject body, boolean pretty) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // the client left; nothing to answer
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(pretty ? body.encodePrettily() : body.encode());
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, new JsonObject().put("code", code).put("message", message), false);
    }
}
