package io.sark.opa.regoc;

import io.sark.opa.rego.RegoError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The errors a pass finds rule by rule, reported together when the pass ends: OPA's compiler also runs a stage
 * to its end and stops before the next one when it has errors. Constructs this compiler does not support yet
 * are not collected: they fail at once, as before.
 */
final class CompileErrors {
    private final Set<RegoError> errors = new LinkedHashSet<>();

    /** The step's result, or {@code fallback} once its errors are kept. */
    <T> T attempt(Supplier<T> step, T fallback) {
        try {
            return step.get();
        } catch (RegoCompileException e) {
            add(e);
            return fallback;
        }
    }

    void attempt(Runnable step) {
        attempt(() -> {
            step.run();
            return null;
        }, null);
    }

    void add(RegoCompileException e) {
        if (e.isUnsupported()) {
            throw e;
        }
        errors.addAll(e.errors());
    }

    /** Ends the pass: throws every error found, if there is one. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new RegoCompileException(new ArrayList<>(errors));
        }
    }
}
