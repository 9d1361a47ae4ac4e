package io.sark.opa.runtime.shadow;

import io.sark.opa.runtime.config.RemoteConfig;
import io.sark.opa.ShadowOutcome;
import io.sark.opa.Decision;
import io.sark.opa.runtime.engine.EntrypointPath;
import io.sark.opa.runtime.engine.Input;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Evaluates a served decision's input again on the other engine, in the background, and reports whether
 * the two agree. Nothing here can delay or fail the served decision: the shadow evaluation is subscribed
 * to and left to run, and every failure of it is only counted and logged.
 */
@Singleton
public class ShadowEvaluation {

    private static final Logger LOG = Logger.getLogger(ShadowEvaluation.class);

    private final RemoteConfig.Shadow config;
    private final Set<String> entrypoints;
    private final Event<ShadowOutcome> outcomes;

    ShadowEvaluation(SarkOpaConfig config, Event<ShadowOutcome> outcomes) {
        this.config = config.remote().shadow();
        this.entrypoints = this.config.entrypoints().orElse(List.of()).stream()
                .map(EntrypointPath::normalize).collect(Collectors.toUnmodifiableSet());
        this.outcomes = outcomes;
    }

    /** Whether decisions of {@code entrypoint} are shadowed at all. */
    public boolean appliesTo(String entrypoint) {
        return config.enabled() && (entrypoints.isEmpty() || entrypoints.contains(entrypoint));
    }

    /** Samples, then subscribes to {@code shadow} and compares its decision with {@code served}. */
    public void compare(String entrypoint, Input input, Decision served, String shadowEngine, Uni<Decision> shadow) {
        if (ThreadLocalRandom.current().nextDouble() >= config.sampleRate()) {
            return;
        }
        try {
            shadow.subscribe().with(
                    decision -> record(entrypoint, input, served, shadowEngine, decision),
                    failure -> failed(entrypoint, served, shadowEngine, failure));
        } catch (RuntimeException e) {
            failed(entrypoint, served, shadowEngine, e);
        }
    }

    private void record(String entrypoint, Input input, Decision served, String shadowEngine, Decision shadowed) {
        try {
            boolean same = DecisionComparison.same(served, shadowed);
            if (!same) {
                byte[] json = input.json(); // written only for a disagreement
                LOG.warnf("shadow disagreement on '%s': %s decided %s, %s decided %s; input sha256 %s%s", entrypoint,
                        served.policy(), DecisionComparison.describe(served), shadowEngine,
                        DecisionComparison.describe(shadowed), InputDigest.sha256(json),
                        config.logInput() && json != null ? ", input " + new String(json, StandardCharsets.UTF_8) : "");
            }
            outcomes.fire(new ShadowOutcome(entrypoint, served.policy(), shadowEngine,
                    same ? ShadowOutcome.Kind.AGREE : ShadowOutcome.Kind.DISAGREE));
        } catch (RuntimeException e) {
            failed(entrypoint, served, shadowEngine, e);
        }
    }

    private void failed(String entrypoint, Decision served, String shadowEngine, Throwable failure) {
        LOG.debugf(failure, "shadow evaluation of '%s' on %s failed", entrypoint, shadowEngine);
        try {
            outcomes.fire(new ShadowOutcome(entrypoint, served.policy(), shadowEngine, ShadowOutcome.Kind.ERROR));
        } catch (RuntimeException e) {
            LOG.debugf(e, "a shadow outcome observer failed for '%s'", entrypoint);
        }
    }
}
