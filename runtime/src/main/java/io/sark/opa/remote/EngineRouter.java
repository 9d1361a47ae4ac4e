package io.sark.opa.remote;

import io.sark.opa.Decision;
import io.sark.opa.EntrypointPath;
import io.sark.opa.runtime.SarkOpaConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sends each entrypoint to its engine ({@link EngineMode}): embedded, remote, or embedded with the remote
 * server as fallback; and, when shadowing is on, has the other engine decide the same input in the background.
 */
@Singleton
public class EngineRouter {

    private static final String EMBEDDED = "embedded";

    private final EngineMode defaultMode;
    private final Map<String, EngineMode> modes;
    private final RemoteEngine remote;
    private final ShadowEvaluation shadow;

    EngineRouter(SarkOpaConfig config, RemoteEngine remote, ShadowEvaluation shadow) {
        this.defaultMode = config.remote().engine();
        this.modes = config.remote().entrypoints().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> EntrypointPath.normalize(e.getKey()), Map.Entry::getValue));
        this.remote = remote;
        this.shadow = shadow;
    }

    /** The engine that decides {@code entrypoint} (module form, {@code a/b/c}). */
    public EngineMode modeOf(String entrypoint) {
        return modes.getOrDefault(entrypoint, defaultMode);
    }

    /** Whether {@code entrypoint} is decided in process only, with nothing in the background. */
    public boolean embeddedOnly(String entrypoint) {
        return modeOf(entrypoint) == EngineMode.EMBEDDED && !shadow.appliesTo(entrypoint);
    }

    /**
     * The decision of {@code entrypoint} for {@code input} (JSON bytes or null); {@code embedded} evaluates
     * in process on the calling thread.
     */
    public Uni<Decision> evaluate(String entrypoint, byte[] input, Supplier<Decision> embedded) {
        EngineMode mode = modeOf(entrypoint);
        Uni<Decision> served = switch (mode) {
            case EMBEDDED -> Uni.createFrom().item(embedded);
            case REMOTE -> remote.evaluate(entrypoint, input);
            case EMBEDDED_WITH_FALLBACK -> Uni.createFrom().item(embedded)
                    .onFailure(InfrastructureFailure::test).recoverWithUni(embeddedFailure ->
                            remote.evaluate(entrypoint, input).onFailure().transform(remoteFailure ->
                                    new NoDecisionException(entrypoint, embeddedFailure, remoteFailure)));
        };
        if (!shadow.appliesTo(entrypoint)) {
            return served;
        }
        return served.invoke(decision -> shadowOf(mode, entrypoint, input, decision, embedded));
    }

    private void shadowOf(EngineMode mode, String entrypoint, byte[] input, Decision served, Supplier<Decision> embedded) {
        if (mode == EngineMode.REMOTE) {
            // in process, but on a worker: the served request's thread is not held up
            shadow.compare(entrypoint, input, served, EMBEDDED, Uni.createFrom().item(embedded)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        } else if (!RemoteEngine.NAME.equals(served.policy())) {
            shadow.compare(entrypoint, input, served, RemoteEngine.NAME, remote.evaluate(entrypoint, input));
        } // a fallback decision came from the remote server: there is no other engine left to ask
    }
}
