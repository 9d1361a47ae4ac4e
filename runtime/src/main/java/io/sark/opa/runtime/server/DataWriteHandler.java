package io.sark.opa.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sark.opa.DataPatch;
import io.sark.opa.DataUpdateException;
import io.sark.opa.runtime.data.EmbeddedPolicyData;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Answers {@code PUT}, {@code PATCH} and {@code DELETE /v1/data/…} as OPA's server does (v1/server/server.go,
 * v1DataPut, v1DataPatch, v1DataDelete): 204 when the data changed; 304 for a {@code PUT} with
 * {@code If-None-Match: *} over an existing document; 404 {@code resource_not_found} when the document an
 * operation needs is missing, 404 {@code resource_conflict} when a non-object is in the way of a {@code PUT}
 * (OPA's writer.ErrorAuto); 400 {@code invalid_parameter} for a body or operation it cannot apply. The update
 * loads the new data, so it runs off the event loop.
 */
final class DataWriteHandler {

    private static final Map<String, DataPatch.Op> OPS = Map.of("add", DataPatch.Op.ADD,
            "replace", DataPatch.Op.REPLACE, "remove", DataPatch.Op.REMOVE);

    private final EmbeddedPolicyData data;

    DataWriteHandler(EmbeddedPolicyData data) {
        this.data = data;
    }

    void put(RoutingContext ctx) {
        boolean ifNoneMatch = "*".equals(ctx.request().getHeader("If-None-Match"));
        write(ctx, () -> {
            String path = DataPath.document(ctx);
            JsonNode value = body(ctx);
            if (ifNoneMatch) {
                return data.putIfAbsent(path, value) ? 204 : 304;
            }
            data.put(path, value);
            return 204;
        });
    }

    void patch(RoutingContext ctx) {
        write(ctx, () -> {
            String path = DataPath.document(ctx);
            data.patch(path, operations(body(ctx)));
            return 204;
        });
    }

    void delete(RoutingContext ctx) {
        write(ctx, () -> {
            data.remove(DataPath.document(ctx));
            return 204;
        });
    }

    private static void write(RoutingContext ctx, Callable<Integer> update) {
        ctx.vertx().executeBlocking(update, false).onComplete(done -> {
            if (done.succeeded()) {
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    ctx.response().setStatusCode(done.result()).end();
                }
            } else if (done.cause() instanceof DataUpdateException e) {
                switch (e.reason()) {
                    case NOT_FOUND -> OpaResponses.error(ctx, 404, OpaResponses.RESOURCE_NOT_FOUND, e.getMessage());
                    case CONFLICT -> OpaResponses.error(ctx, 404, OpaResponses.RESOURCE_CONFLICT, e.getMessage());
                    case INVALID -> OpaResponses.error(ctx, 400, OpaResponses.INVALID_PARAMETER, e.getMessage());
                }
            } else if (done.cause() instanceof BadRequestException e) {
                OpaResponses.error(ctx, 400, OpaResponses.INVALID_PARAMETER, e.getMessage());
            } else {
                OpaResponses.error(ctx, 500, OpaResponses.INTERNAL_ERROR, String.valueOf(done.cause().getMessage()));
            }
        });
    }

    private static JsonNode body(RoutingContext ctx) {
        return EmbeddedPolicyData.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    }

    /** OPA's patch body: a JSON array of {@code {"op": …, "path": …, "value": …}}. */
    private static List<DataPatch> operations(JsonNode body) {
        if (!body.isArray()) {
            throw new BadRequestException("the body must be a JSON array of patch operations");
        }
        List<DataPatch> operations = new ArrayList<>();
        for (JsonNode op : body) {
            if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
                throw new BadRequestException("a patch operation must be an object with string \"op\" and \"path\"");
            }
            // as OPA: the three lower-case names; a missing value is null
            String name = op.get("op").asText();
            DataPatch.Op kind = OPS.get(name);
            if (kind == null) {
                throw new BadRequestException("bad patch operation: " + name);
            }
            operations.add(new DataPatch(kind, op.get("path").asText(), op.path("value").isMissingNode()
                    ? NullNode.getInstance() : op.get("value")));
        }
        return operations;
    }
}
