package io.sark.opa;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.BuiltinContext;

/**
 * A builtin function that the application provides to its policies: a CDI bean (the extension makes it an
 * unremovable {@code @Singleton} when it has no scope) annotated with {@link OpaBuiltin} for its name and
 * arity. Policies call it like any OPA builtin; evaluations run concurrently, so it must be thread-safe.
 */
public interface PolicyBuiltin {

    /**
     * Arguments and result are JSON values (sets arrive as arrays). Return {@code null} for undefined; throw to
     * fail the call, which is undefined, or an evaluation error under {@code strict-builtin-errors}.
     *
     * @param context this evaluation's clock and memo, shared with every builtin it calls
     */
    JsonNode call(BuiltinContext context, JsonNode... args);
}
