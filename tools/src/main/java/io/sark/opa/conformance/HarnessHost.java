package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.Builtins;
import java.util.Map;
import java.util.Set;

/** A case on {@link WasmPolicy}: data and input (JSON, or Rego term text) parsed by the module itself. */
final class HarnessHost implements PolicyHost {
    private final WasmPolicy policy;
    private final ConformanceCase c;
    private final Map<String, Integer> ids;

    HarnessHost(byte[] wasm, Builtins builtins, ConformanceCase c) {
        this.policy = new WasmPolicy(wasm, builtins);
        this.c = c;
        this.ids = policy.entrypoints();
    }

    @Override
    public Set<String> entrypoints() {
        return ids.keySet();
    }

    @Override
    public JsonNode evaluate(String entrypoint) {
        int data = policy.parseJson(c.dataJson());
        if (data == 0) {
            throw new IllegalArgumentException("data is not valid JSON for the module");
        }
        int input = 0;
        if (c.inputTerm() != null) {
            input = policy.parseValue(RegoTerm.withoutTrailingCommas(c.inputTerm()));
            if (input == 0) {
                throw new IllegalArgumentException("input_term cannot be parsed: " + c.inputTerm());
            }
        } else if (c.inputJson() != null) {
            input = policy.parseJson(c.inputJson());
        }
        return policy.evaluate(ids.get(entrypoint), data, input, c.strictError());
    }
}
