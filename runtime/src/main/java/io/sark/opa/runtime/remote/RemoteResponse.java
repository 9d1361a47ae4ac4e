package io.sark.opa.runtime.remote;

import io.sark.opa.Decision;
import io.sark.opa.RemoteEvaluationException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.sark.opa.runtime.engine.EntrypointPath;
import io.vertx.core.buffer.Buffer;

/** Reads an OPA Data API response: {@code result} present is a defined decision, absent an undefined one. */
final class RemoteResponse {

    private RemoteResponse() {}

    static Decision decision(String server, String entrypoint, int status, Buffer responseBody) {
        JsonObject body = parse(server, entrypoint, status, responseBody);
        if (status != 200) {
            throw new RemoteEvaluationException("remote OPA at " + server + " answered " + status
                    + " for '" + EntrypointPath.label(entrypoint) + "': " + body.getString("code", "no code") + ": "
                    + body.getString("message", "no message"));
        }
        return body.containsKey("result")
                ? Decision.defined(Decision.REMOTE, entrypoint, body.getValue("result"))
                : Decision.undefined(Decision.REMOTE, entrypoint);
    }

    private static JsonObject parse(String server, String entrypoint, int status, Buffer body) {
        if (body == null || body.length() == 0) {
            return new JsonObject();
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new RemoteEvaluationException("remote OPA at " + server + " answered " + status
                    + " for '" + EntrypointPath.label(entrypoint) + "' with a body that is not a JSON object", e);
        }
    }
}
