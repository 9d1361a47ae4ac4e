package io.sark.opa.runtime.cache;

/** What the decision cache reports, for metrics. Called on the evaluating thread: implementations must not block. */
public interface CacheObserver {

    /** The decision cache answered without the engine. */
    default void cacheHit(String policy, String entrypoint) {
    }

    /** The decision cache had no entry, so the engine ran. */
    default void cacheMiss(String policy, String entrypoint) {
    }
}
