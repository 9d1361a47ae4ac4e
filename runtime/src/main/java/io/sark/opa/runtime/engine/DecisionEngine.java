package io.sark.opa.runtime.engine;

import io.sark.opa.Decision;
import io.smallrye.mutiny.Uni;

/**
 * Where decisions come from: the policies compiled into the application, a remote OPA server, or a
 * composition of those (fallback, shadow). Entrypoints are in module form ({@code authz/allow}).
 */
public interface DecisionEngine {

    /** The decision, worked out when the {@code Uni} is subscribed to. */
    Uni<Decision> evaluate(String entrypoint, Input input);

    /** The decision on the calling thread, which waits for it; failures are thrown. */
    default Decision evaluateBlocking(String entrypoint, Input input) {
        return evaluate(entrypoint, input).await().indefinitely();
    }
}
