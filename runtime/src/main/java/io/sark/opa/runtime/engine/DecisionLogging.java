package io.sark.opa.runtime.engine;

import io.sark.opa.Decision;

/**
 * Where the evaluator hands every decision it returns, to be logged (the decision log implements it). Called on the
 * deciding thread, often an event loop: implementations must not block.
 */
public interface DecisionLogging {

    /** Logs nothing. */
    DecisionLogging NONE = new DecisionLogging() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Decision decided(String entrypoint, byte[] input, Decision decision, long evalNanos, String requestedBy) {
            return decision;
        }

        @Override
        public void failed(String entrypoint, byte[] input, Throwable failure, long evalNanos, String requestedBy) {
        }
    };

    /** Whether decisions are logged; when not, the evaluator skips timing them. */
    boolean enabled();

    /**
     * Logs {@code decision} for {@code input} (JSON bytes, {@code null} for none); returns it carrying its id.
     *
     * @param requestedBy the client's address for decision API requests, else {@code null}
     */
    Decision decided(String entrypoint, byte[] input, Decision decision, long evalNanos, String requestedBy);

    /** Logs an evaluation that failed with {@code failure}. */
    void failed(String entrypoint, byte[] input, Throwable failure, long evalNanos, String requestedBy);
}
