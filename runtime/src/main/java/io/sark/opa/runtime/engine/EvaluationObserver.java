package io.sark.opa.runtime.engine;

import io.sark.opa.Decision;
import io.sark.opa.runtime.cache.CacheObserver;

/**
 * What the evaluator reports as it works, for metrics. Every method does nothing by default, and
 * {@link #NONE} is used when the application has no observer (no Micrometer). Called on the evaluating
 * thread, often an event loop: implementations must not block.
 */
public interface EvaluationObserver extends CacheObserver {

    EvaluationObserver NONE = new EvaluationObserver() {
    };

    /** A new set of policies was installed. */
    default void installed(PolicyRegistry registry) {
    }

    /** The engine ran {@code entrypoint} (successfully or not) for {@code nanos}; cache hits never get here. */
    default void engineRan(LoadedPolicy policy, String entrypoint, long nanos) {
    }

    /** The caller got {@code decision}, from the engine or the cache. */
    default void decided(LoadedPolicy policy, String entrypoint, Decision decision) {
    }

    /** The evaluation failed: the caller got {@code error}, never a decision. */
    default void failed(LoadedPolicy policy, String entrypoint, RuntimeException error) {
    }
}
