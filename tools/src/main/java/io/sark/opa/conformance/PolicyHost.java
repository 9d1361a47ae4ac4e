package io.sark.opa.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Runs a compiled module for a case: the project's engine, or this package's own harness. */
public interface PolicyHost {
    /** Which host evaluates compiled cases. */
    enum Kind {
        /** {@code io.sark.opa.engine.OpaPolicy}: the ABI host the extension uses. */
        ENGINE,
        /** {@link WasmPolicy}: a minimal host that also takes input as Rego term text (set literals). */
        HARNESS
    }

    Set<String> entrypoints();

    /** The result set of {@code entrypoint} as JSON; throws {@link EvalError} when evaluation fails. */
    JsonNode evaluate(String entrypoint);
}
