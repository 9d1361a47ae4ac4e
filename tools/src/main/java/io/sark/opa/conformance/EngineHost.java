package io.sark.opa.conformance;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaException;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A case on the engine's {@link OpaPolicy}, as the extension runs policies: input as JSON, or as Rego term text
 * ({@code input_term}, which may hold sets) read by the module's {@code opa_value_parse}.
 */
final class EngineHost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final OpaPolicy policy;
    private final byte[] input;
    private final boolean inputIsTerm;

    EngineHost(byte[] wasm, Builtins builtins, ConformanceCase c) {
        this.policy = OpaPolicy.builder(c.note(), Parser.parse(wasm))
                .withData(c.dataJson().getBytes(StandardCharsets.UTF_8))
                .withBuiltins(builtins)
                .withStrictBuiltinErrors(c.strictError())
                .build();
        this.inputIsTerm = c.inputTerm() != null;
        String text = inputIsTerm ? RegoTerm.withoutTrailingCommas(c.inputTerm()) : c.inputJson();
        this.input = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    Set<String> entrypoints() {
        return policy.entrypoints().keySet();
    }

    /** The result set of {@code entrypoint} as JSON; throws {@link EvalError} when evaluation fails. */
    JsonNode evaluate(String entrypoint) {
        String result;
        try {
            // a fresh instance each time: one that failed must be replaced
            OpaInstance instance = policy.newInstance();
            result = inputIsTerm
                    ? instance.evaluateValueInput(entrypoint, input, TIMEOUT)
                    : instance.evaluate(entrypoint, input, TIMEOUT);
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
