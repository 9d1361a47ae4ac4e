package io.sark.opa.runtime.config;

/** Which engine decides an entrypoint. */
public enum EngineMode {
    /** The policies compiled into the application. */
    EMBEDDED,
    /** The OPA server at {@code quarkus.sark-opa.remote.url}. */
    REMOTE,
    /**
     * The embedded policy, and the remote server only when the embedded one cannot decide for an
     * infrastructure reason (absent, out of memory, timed out, pool exhausted). A decision the embedded
     * policy made, defined or undefined, is never replaced.
     */
    EMBEDDED_WITH_FALLBACK
}
