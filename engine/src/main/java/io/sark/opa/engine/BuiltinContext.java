package io.sark.opa.engine;

import java.util.Map;

/**
 * Per-evaluation state shared by builtins: one decision sees one clock, one random source, one set of
 * memoised values. API CONTRACT (being implemented).
 */
public interface BuiltinContext {

    /** {@code time.now_ns} for this evaluation: read once, then the same for every call. */
    long nowNanos();

    /** Values memoised for the rest of this evaluation (e.g. {@code rand.intn}, {@code uuid.rfc4122}). */
    Map<String, Object> memo();

    /** Strict builtin errors: a builtin error is an evaluation error instead of undefined. */
    boolean strictBuiltinErrors();
}
