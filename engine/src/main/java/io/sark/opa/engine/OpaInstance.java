package io.sark.opa.engine;

import java.time.Duration;

/**
 * One wasm instance of a policy. NOT thread-safe. After an {@link EvaluationTimeoutException} or an
 * abort the instance is {@link #isBroken() broken} and must be replaced.
 *
 * <p>API CONTRACT (being implemented).
 */
public final class OpaInstance {

    /**
     * Evaluates an entrypoint. {@code inputJson} is UTF-8 JSON (null for no input). Returns OPA's result set as
     * JSON text, e.g. {@code [{"result":true}]}, or {@code []} when the entrypoint is undefined.
     */
    public String evaluate(String entrypoint, byte[] inputJson, Duration timeout) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Linear memory pages currently in use (for metrics). */
    public int memoryPages() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public boolean isBroken() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
