package io.sark.opa.engine;

import java.util.HashMap;
import java.util.Map;

/** The {@link BuiltinContext} of one evaluation: one clock reading and one memo for the whole decision. */
final class EvaluationContext implements BuiltinContext {

    private final boolean strictBuiltinErrors;
    private long nowNanos;
    private boolean clockRead;
    private Map<String, Object> memo;

    EvaluationContext(boolean strictBuiltinErrors) {
        this.strictBuiltinErrors = strictBuiltinErrors;
    }

    @Override
    public long nowNanos() {
        if (!clockRead) {
            java.time.Instant now = java.time.Instant.now();
            nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            clockRead = true;
        }
        return nowNanos;
    }

    @Override
    public Map<String, Object> memo() {
        if (memo == null) {
            memo = new HashMap<>();
        }
        return memo;
    }

    @Override
    public boolean strictBuiltinErrors() {
        return strictBuiltinErrors;
    }
}
