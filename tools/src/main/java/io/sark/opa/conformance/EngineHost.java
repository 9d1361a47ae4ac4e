package io.sark.opa.conformance;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaException;
import io.sark.opa.engine.OpaPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/** A case on the engine's {@link OpaPolicy}, as the extension runs policies (JSON input only). */
final class EngineHost implements PolicyHost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final OpaPolicy policy;
    private final byte[] input;

    EngineHost(byte[] wasm, Builtins builtins, ConformanceCase c) {
        this.policy = OpaPolicy.builder(c.note(), Parser.parse(wasm))
                .withData(c.dataJson().getBytes(StandardCharsets.UTF_8))
                .withBuiltins(builtins)
                .withStrictBuiltinErrors(c.strictError())
                .build();
        this.input = c.inputJson() == null ? null : c.inputJson().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Set<String> entrypoints() {
        return policy.entrypoints().keySet();
    }

    @Override
    public JsonNode evaluate(String entrypoint) {
        String result;
        try {
            // a fresh instance each time: one that failed must be replaced
            result = policy.newInstance().evaluate(entrypoint, input, TIMEOUT);
        } catch (BuiltinException e) {
            // strict builtin errors are worded as OPA words them: "<code>: <builtin>: <message>"
            throw new EvalError(e.code(), e.getMessage());
        } catch (OpaException e) {
            throw new EvalError(EvalError.codeIn(e.getMessage()), e.getMessage());
        }
        try {
            return JSON.readTree(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("engine gave a result that is not JSON: " + result, e);
        }
    }
}
