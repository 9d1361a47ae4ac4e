package io.sark.opa;

import io.smallrye.mutiny.Uni;

/**
 * Evaluates the application's OPA policies: inject it, or build one outside CDI with
 * {@code io.sark.opa.standalone.StandaloneEvaluator}. Decisions come from wasm that Chicory compiled to JVM
 * bytecode at build time, or from a remote OPA server where configured ({@code quarkus.sark-opa.remote},
 * docs/remote.md). On a Vert.x event loop an evaluation runs on that thread's own instance, without waiting on
 * a lock; other threads borrow from a bounded pool.
 *
 * <p>Failures are failed {@code Uni}s (or exceptions from {@link #evaluateBlocking}) carrying
 * {@code io.sark.opa.engine.OpaException}s, {@link RemoteEvaluationException} and {@link NoDecisionException}
 * among them: an error is never a decision.
 */
public interface PolicyEvaluator {

    /**
     * Evaluates the entrypoint at {@code path} ({@code authz/allow}, {@code authz.allow} and
     * {@code data.authz.allow} are the same) against {@code input}: a Vert.x {@code JsonObject}/{@code JsonArray},
     * a {@code Map}, a Jackson node, a POJO, or JSON text ({@code String}) or bytes; {@code null} for no input.
     * The evaluation runs when the {@code Uni} is subscribed to, on the subscribing thread, or on the remote
     * OPA server when the entrypoint's engine says so.
     */
    Uni<Decision> evaluate(String path, Object input);

    /** As {@link #evaluate}, on the calling thread (which waits for a remote engine); failures are thrown. */
    Decision evaluateBlocking(String path, Object input);
}
