package io.sark.opa.runtime.metrics;

import io.sark.opa.Decision;
import java.util.Locale;

/** What a caller got, as the decision counter's {@code outcome} tag. */
enum Outcome {
    ALLOW, DENY, UNDEFINED, ERROR;

    /**
     * {@code allow} only for a defined {@code true}, as {@link Decision#allowed()}; every other defined value
     * ({@code false}, objects, strings, numbers, {@code null}) is {@code deny}, since a caller that asks
     * {@code allowed()} denies it.
     */
    static Outcome of(Decision decision) {
        if (!decision.isDefined()) {
            return UNDEFINED;
        }
        return decision.allowed() ? ALLOW : DENY;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
