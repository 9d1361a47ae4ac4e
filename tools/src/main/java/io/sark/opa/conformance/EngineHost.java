package io.sark.opa.conformance;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
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
 * ({@code input_term}, which may hold sets) read by the module's {@code opa_value_parse}. An entrypoint that reads
 * only part of its JSON input is run twice, with that part and with all of it, and must decide the same: every case
 * is also a differential test of input projection.
 */
final class EngineHost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final OpaPolicy policy;
    private final OpaPolicy.Builder allInput;
    private OpaPolicy policyOfAllInput;
    private final byte[] input;
    private final boolean inputIsTerm;

    EngineHost(byte[] wasm, Builtins builtins, ConformanceCase c) {
        var module = Parser.parse(wasm);
        this.policy = builder(c, module, builtins).build();
        this.allInput = builder(c, module, builtins).withInputProjection(false);
        this.inputIsTerm = c.inputTerm() != null;
        String text = inputIsTerm ? RegoTerm.withoutTrailingCommas(c.inputTerm()) : c.inputJson();
        this.input = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static OpaPolicy.Builder builder(ConformanceCase c, WasmModule module, Builtins builtins) {
        return OpaPolicy.builder(c.note(), module)
                .withData(c.dataJson().getBytes(StandardCharsets.UTF_8))
                .withBuiltins(builtins)
                .withStrictBuiltinErrors(c.strictError());
    }

    Set<String> entrypoints() {
        return policy.entrypoints().keySet();
    }

    /** The result set of {@code entrypoint} as JSON; throws {@link EvalError} when evaluation fails. */
    JsonNode evaluate(String entrypoint) {
        Outcome outcome = outcome(policy, entrypoint);
        if (input != null && !inputIsTerm && !policy.inputPaths().of(entrypoint).whole()) {
            if (policyOfAllInput == null) {
                policyOfAllInput = allInput.build();
            }
            Outcome ofAll = outcome(policyOfAllInput, entrypoint);
            if (!ofAll.equals(outcome)) {
                throw new IllegalStateException("with only the input it reads, " + entrypoint + " gave " + outcome
                        + "; with all of it, " + ofAll);
            }
        }
        if (outcome.error() != null) {
            throw outcome.error();
        }
        try {
            return JSON.readTree(outcome.result());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("engine gave a result that is not JSON: " + outcome.result(), e);
        }
    }

    /** A result set, or the error evaluation ended with (compared by code and message). */
    private record Outcome(String result, EvalError error) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && java.util.Objects.equals(result, other.result)
                    && (error == null ? other.error == null
                            : other.error != null && error.getMessage().equals(other.error.getMessage()));
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(result, error == null ? null : error.getMessage());
        }

        @Override
        public String toString() {
            return error == null ? result : "error " + error.getMessage();
        }
    }

    private Outcome outcome(OpaPolicy policy, String entrypoint) {
        try {
            // a fresh instance each time: one that failed must be replaced
            OpaInstance instance = policy.newInstance();
            return new Outcome(inputIsTerm
                    ? instance.evaluateValueInput(entrypoint, input, TIMEOUT)
                    : instance.evaluate(entrypoint, input, TIMEOUT), null);
        } catch (BuiltinException e) {
            // strict builtin errors are worded as OPA words them: "<code>: <builtin>: <message>"
            return new Outcome(null, new EvalError(e.code(), e.getMessage()));
        } catch (OpaException e) {
            return new Outcome(null, new EvalError(EvalError.codeIn(e.getMessage()), e.getMessage()));
        }
    }
}
