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
        boolean shadowed = shadow.appliesTo(entrypoint);
        return switch (modeOf(entrypoint)) {
            case EMBEDDED -> embeddedShadowedByRemote(entrypoint, input, embedded, shadowed);
            case REMOTE -> shadowed ? remoteShadowedByEmbedded(entrypoint, input, embedded) : remote.evaluate(entrypoint, input);
            // a fallback decision came from the remote server: there is no other engine left to shadow it
            case EMBEDDED_WITH_FALLBACK -> embeddedShadowedByRemote(entrypoint, input, embedded, shadowed)
                    .onFailure(InfrastructureFailure::test).recoverWithUni(embeddedFailure ->
                            remote.evaluate(entrypoint, input).onFailure().transform(remoteFailure ->
                                    new NoDecisionException(entrypoint, embeddedFailure, remoteFailure)));
        };
    }

    private Uni<Decision> embeddedShadowedByRemote(String entrypoint, byte[] input, Supplier<Decision> embedded,
            boolean shadowed) {
        Uni<Decision> served = Uni.createFrom().item(embedded);
        return shadowed
                ? served.invoke(decision -> shadow.compare(entrypoint, input, decision, RemoteEngine.NAME,
                        remote.evaluate(entrypoint, input)))
                : served;
    }

    private Uni<Decision> remoteShadowedByEmbedded(String entrypoint, byte[] input, Supplier<Decision> embedded) {
        // in process, but on a worker: the served request's thread is not held up
        return remote.evaluate(entrypoint, input).invoke(decision -> shadow.compare(entrypoint, input, decision, EMBEDDED,
                Uni.createFrom().item(embedded).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }
}
