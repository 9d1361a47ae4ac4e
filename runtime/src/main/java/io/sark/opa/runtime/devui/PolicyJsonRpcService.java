package io.sark.opa.runtime.devui;

import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.LoadedPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeSet;

/**
 * The Dev UI card's JSON-RPC methods: the loaded policies, and a decision for an entrypoint and an input.
 * Registered in dev mode only; each public method is a JSON-RPC method of the same name, run on a worker
 * thread.
 */
public class PolicyJsonRpcService {

    private final PolicyEvaluator evaluator;
    private final EmbeddedEngine embedded;

    public PolicyJsonRpcService(PolicyEvaluator evaluator, EmbeddedEngine embedded) {
        this.evaluator = evaluator;
        this.embedded = embedded;
    }

    /** Each loaded policy: name, revision, entrypoints, data size and the memory its instances hold. */
    public JsonArray getPolicies() {
        JsonArray policies = new JsonArray();
        for (LoadedPolicy policy : embedded.registry().policies()) {
            policies.add(new JsonObject()
                    .put("name", policy.name())
                    .put("revision", policy.revision())
                    .put("entrypoints", new JsonArray(new TreeSet<>(policy.policy().entrypoints().keySet()).stream().toList()))
                    .put("dataBytes", policy.policy().dataBytes())
                    .put("memoryPages", policy.memoryPages()));
        }
        return policies;
    }

    /**
     * Evaluates {@code entrypoint} against {@code input} (JSON text; blank for no input) as the application
     * would, cache included. The answer has the decision or the error, and the time it took in microseconds.
     */
    public JsonObject evaluate(String entrypoint, String input) {
        long start = System.nanoTime();
        JsonObject answer = new JsonObject();
        try {
            Decision decision = evaluator.evaluateBlocking(entrypoint, input == null || input.isBlank() ? null : input);
            answer.put("defined", decision.isDefined()).put("allowed", decision.allowed()).put("policy", decision.policy());
            if (decision.isDefined()) {
                answer.put("result", decision.value());
            }
        } catch (RuntimeException e) {
            answer.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return answer.put("micros", (System.nanoTime() - start) / 1_000);
    }
}
