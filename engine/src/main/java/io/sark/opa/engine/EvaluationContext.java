package io.sark.opa.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The {@link BuiltinContext} of one evaluation: one clock reading and one memo for the whole decision. */
final class EvaluationContext implements BuiltinContext {

    private final boolean strictBuiltinErrors;
    private final Consumer<String> printHook;
    private long nowNanos;
    private boolean clockRead;
    private Map<String, Object> memo;

    EvaluationContext(OpaPolicy policy) {
        this.strictBuiltinErrors = policy.strictBuiltinErrors;
        this.printHook = policy.printHook;
    }

    /** Where {@code print} output of this evaluation goes; null for the {@code io.sark.opa.print} logger. */
    Consumer<String> printHook() {
        return printHook;
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
