package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.BuiltinContext;
import io.sark.opa.engine.Builtins;

/** Calls a default builtin with arguments written as JSON text. */
public final class Calls {
    private Calls() {}

    public static JsonNode call(BuiltinContext ctx, String name, String... jsonArgs) {
        JsonNode[] args = new JsonNode[jsonArgs.length];
        for (int i = 0; i < args.length; i++) {
            try {
                args[i] = Json.parse(jsonArgs[i]);
            } catch (Exception e) {
                throw new IllegalArgumentException("bad JSON in test: " + jsonArgs[i], e);
            }
        }
        return Builtins.defaults().find(name).orElseThrow(() -> new AssertionError("no builtin " + name)).call(ctx, args);
    }

    public static JsonNode call(String name, String... jsonArgs) {
        return call(TestContext.fresh(), name, jsonArgs);
    }

    public static String text(String name, String... jsonArgs) {
        return call(name, jsonArgs).textValue();
    }
}
