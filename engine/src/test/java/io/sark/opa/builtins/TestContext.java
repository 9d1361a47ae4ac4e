package io.sark.opa.builtins;

import io.sark.opa.engine.BuiltinContext;
import java.util.HashMap;
import java.util.Map;

/** A per-evaluation context for unit tests: a fixed clock and a fresh memo. */
record TestContext(long nowNanos, Map<String, Object> memo, boolean strictBuiltinErrors) implements BuiltinContext {

    static TestContext at(long nowNanos) {
        return new TestContext(nowNanos, new HashMap<>(), false);
    }

    static TestContext fresh() {
        return at(1_700_000_000_123_456_789L);
    }
}
