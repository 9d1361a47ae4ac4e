package io.sark.opa.runtime.routing;

import io.sark.opa.Decision;
import io.sark.opa.runtime.config.EngineMode;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.engine.DecisionEngine;
import io.sark.opa.runtime.engine.Input;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.EntrypointPath;
import io.sark.opa.runtime.remote.RemoteEngine;
import io.sark.opa.runtime.shadow.ShadowEvaluation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends each entrypoint to its engine ({@link EngineMode}): embedded, remote, or embedded with the remote
 * server as fallback; and, when shadowing is on, has the other engine decide the same input in the background.
 * Each mode's engine, shadowed or not, is composed once.
 */
@Singleton
public class EngineRouter implements DecisionEngine {

    private static final String EMBEDDED = "embedded";

    private final EngineMode defaultMode;
    private final Map<String, EngineMode> modes;
    private final ShadowEvaluation shadow;
    private final Map<EngineMode, DecisionEngine> plain = new EnumMap<>(EngineMode.class);
    private final Map<EngineMode, DecisionEngine> shadowed = new EnumMap<>(EngineMode.class);

    EngineRouter(SarkOpaConfig config, EmbeddedEngine embedded, RemoteEngine remote, ShadowEvaluation shadow) {
        this.defaultMode = config.remote().engine();
        this.modes = config.remote().entrypoints().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> EntrypointPath.normalize(e.getKey()), Map.Entry::getValue));
        this.shadow = shadow;
        // in process, but on a worker: the thread serving the remote decision is not held up
        DecisionEngine embeddedOnWorker = (entrypoint, input) -> embedded.evaluate(entrypoint, input)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        DecisionEngine embeddedShadowed = new ShadowedEngine(embedded, remote, Decision.REMOTE, shadow);
        plain.put(EngineMode.EMBEDDED, embedded);
        plain.put(EngineMode.REMOTE, remote);
        plain.put(EngineMode.EMBEDDED_WITH_FALLBACK, new FallbackEngine(embedded, remote));
        shadowed.put(EngineMode.EMBEDDED, embeddedShadowed);
        shadowed.put(EngineMode.REMOTE, new ShadowedEngine(remote, embeddedOnWorker, EMBEDDED, shadow));
        // a fallback decision came from the remote server: there is no other engine left to shadow it
        shadowed.put(EngineMode.EMBEDDED_WITH_FALLBACK, new FallbackEngine(embeddedShadowed, remote));
    }

    private EngineMode modeOf(String entrypoint) {
        return modes.getOrDefault(entrypoint, defaultMode);
    }

    @Override
    public Uni<Decision> evaluate(String entrypoint, Input input) {
        return engineFor(entrypoint).evaluate(entrypoint, input);
    }

    @Override
    public Decision evaluateBlocking(String entrypoint, Input input) {
        return engineFor(entrypoint).evaluateBlocking(entrypoint, input);
    }

    private DecisionEngine engineFor(String entrypoint) {
        return (shadow.appliesTo(entrypoint) ? shadowed : plain).get(modeOf(entrypoint));
    }
}
