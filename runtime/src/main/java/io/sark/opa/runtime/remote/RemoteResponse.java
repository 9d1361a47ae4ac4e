package io.sark.opa.runtime.remote;

import io.sark.opa.Decision;
import io.sark.opa.RemoteEvaluationException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** Reads an OPA Data API response: {@code result} present is a defined decision, absent an undefined one. */
final class RemoteResponse {

    private RemoteResponse() {}

    static Decision decision(String server, String entrypoint, HttpResponse<Buffer> response) {
        JsonObject body = parse(server, entrypoint, response);
        if (response.statusCode() != 200) {
            throw new RemoteEvaluationException("remote OPA at " + server + " answered " + response.statusCode()
                    + " for '" + entrypoint + "': " + body.getString("code", "no code") + ": "
                    + body.getString("message", body.encode()));
        }
        return body.containsKey("result")
                ? Decision.defined(Decision.REMOTE, entrypoint, body.getValue("result"))
                : Decision.undefined(Decision.REMOTE, entrypoint);
    }

    private static JsonObject parse(String server, String entrypoint, HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return new JsonObject();
        }
        try {
            return new JsonObject(body.getDelegate());
        } catch (DecodeException | ClassCastException e) {
            throw new RemoteEvaluationException("remote OPA at " + server + " answered " + response.statusCode()
                    + " for '" + entrypoint + "' with a body that is not a JSON object: " + e.getMessage(), e);
        }
    }
}
