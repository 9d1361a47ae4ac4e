package io.sark.opa.runtime.server;

import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.data.EmbeddedPolicyData;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.EnginePolicyEvaluator;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Puts OPA's Data API ({@code GET}/{@code POST /v1/data}, {@code /v1/data/…}; {@code PUT}, {@code PATCH} and
 * {@code DELETE} too when {@code quarkus.sark-opa.server.data-writes} is true) and {@code GET /health} on the
 * application's HTTP server when {@code quarkus.sark-opa.server.enabled} is true. Plain Vert.x routes: no
 * REST framework is needed.
 */
@Singleton
public class DecisionApiRoutes {

    // room for {"input": …} around an input of max-input-bytes; the engine checks the input's own size
    private static final int ENVELOPE_BYTES = 1024;

    private static final Logger LOG = Logger.getLogger(DecisionApiRoutes.class);

    private final SarkOpaConfig config;
    private final EnginePolicyEvaluator evaluator;
    private final EmbeddedEngine embedded;
    private final EmbeddedPolicyData policyData;

    DecisionApiRoutes(SarkOpaConfig config, EnginePolicyEvaluator evaluator, EmbeddedEngine embedded,
            EmbeddedPolicyData policyData) {
        this.config = config;
        this.evaluator = evaluator;
        this.embedded = embedded;
        this.policyData = policyData;
    }

    void register(@Observes Router router) {
        if (!config.server().enabled()) {
            return;
        }
        long bodyLimit = (long) config.maxInputBytes() + ENVELOPE_BYTES;
        DataApiHandler data = new DataApiHandler(evaluator, embedded::registry);
        for (String path : new String[] { DataPath.PREFIX, DataPath.PREFIX + "/*" }) {
            // only the Data API's paths: the application's own /v1/... routes keep their own security
            config.server().token().ifPresent(token -> router.route(path).handler(new BearerTokenCheck(token)));
            router.route(HttpMethod.POST, path)
                    .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                    .handler(data::post)
                    .failureHandler(ctx -> bodyFailure(ctx, bodyLimit));
            router.route(HttpMethod.GET, path).handler(data::get);
            if (config.server().dataWrites()) {
                writes(router, path, bodyLimit);
            } else {
                for (HttpMethod method : new HttpMethod[] { HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE }) {
                    // 405 as OPA answers a method a path does not take; the message says how to allow it
                    router.route(method, path).handler(ctx -> OpaResponses.error(ctx, 405, OpaResponses.INVALID_OPERATION,
                            "data writes are off: set quarkus.sark-opa.server.data-writes=true to allow them"));
                }
            }
        }
        router.route(HttpMethod.GET, "/health").handler(ctx -> OpaResponses.json(ctx, 200, new JsonObject(), false));
    }

    private void writes(Router router, String path, long bodyLimit) {
        DataWriteHandler writes = new DataWriteHandler(policyData);
        router.route(HttpMethod.PUT, path)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(writes::put)
                .failureHandler(ctx -> bodyFailure(ctx, bodyLimit));
        router.route(HttpMethod.PATCH, path)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(writes::patch)
                .failureHandler(ctx -> bodyFailure(ctx, bodyLimit));
        router.route(HttpMethod.DELETE, path).handler(writes::delete);
    }

    private static void bodyFailure(RoutingContext ctx, long bodyLimit) {
        if (ctx.statusCode() == 413) {
            OpaResponses.error(ctx, 400, OpaResponses.INVALID_PARAMETER,
                    "request body too large: more than " + bodyLimit + " bytes (quarkus.sark-opa.max-input-bytes)");
        } else {
            // the failure's text is for the log, never the caller
            LOG.debugf(ctx.failure(), "decision API request %s failed", ctx.request().path());
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status < 500) {
                OpaResponses.error(ctx, status, OpaResponses.INVALID_PARAMETER, "the request could not be read");
            } else {
                OpaResponses.error(ctx, status, OpaResponses.INTERNAL_ERROR, "the request failed");
            }
        }
    }
}
