package io.sark.opa.runtime.json;

import io.sark.opa.Decision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** OPA's result set as the embedded engine writes it: {@code [{"result": …}]}, or {@code []} when undefined. */
public final class ResultSet {

    private ResultSet() {}

    /** The decision {@code resultSet} holds. */
    public static Decision decision(String policy, String entrypoint, String resultSet) {
        // the common answers of an allow rule, as the engine writes them, need no parser
        return switch (resultSet) {
            case "[{\"result\":true}]" -> Decision.defined(policy, entrypoint, Boolean.TRUE);
            case "[{\"result\":false}]" -> Decision.defined(policy, entrypoint, Boolean.FALSE);
            case "[]" -> Decision.undefined(policy, entrypoint);
            default -> parsed(policy, entrypoint, resultSet);
        };
    }

    private static Decision parsed(String policy, String entrypoint, String resultSet) {
        JsonArray results = new JsonArray(resultSet);
        JsonObject first = results.isEmpty() ? null : results.getJsonObject(0);
        return first == null || !first.containsKey("result")
                ? Decision.undefined(policy, entrypoint)
                : Decision.defined(policy, entrypoint, first.getValue("result"));
    }

    /** Whether {@code resultSet} holds a value. */
    public static boolean isDefined(String resultSet) {
        return decision("", "", resultSet).isDefined();
    }
}
