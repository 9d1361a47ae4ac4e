package io.sark.opa.runtime.health;

import io.sark.opa.runtime.bundles.BundlePollers;
import io.sark.opa.runtime.engine.ConfiguredPolicies;
import io.sark.opa.runtime.engine.EmbeddedEngine;
import io.sark.opa.runtime.engine.LoadedPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every policy the application was built with is loaded and every bundle configured to be
 * waited for has been activated once; the data names each loaded policy and bundle with its revision, and the
 * missing ones. A bean only when the application has SmallRye Health.
 */
@Readiness
@ApplicationScoped
public class PolicyReadinessCheck implements HealthCheck {

    static final String NAME = "sark-opa policies";

    private final EmbeddedEngine embedded;
    private final ConfiguredPolicies configured;

    private final BundlePollers bundles;

    PolicyReadinessCheck(EmbeddedEngine embedded, ConfiguredPolicies configured, BundlePollers bundles) {
        this.embedded = embedded;
        this.configured = configured;
        this.bundles = bundles;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        List<String> missing = new ArrayList<>(configured.names());
        for (LoadedPolicy policy : embedded.registry().policies()) {
            response.withData(policy.name(), policy.revision().isEmpty() ? "(no revision)" : policy.revision());
            missing.remove(policy.name());
        }
        if (!missing.isEmpty()) {
            response.withData("missing", String.join(", ", missing));
        }
        bundles.revisions().forEach((bundle, revision) -> response.withData("bundle " + bundle,
                revision == null ? "(not activated)" : revision.isEmpty() ? "(no revision)" : revision));
        List<String> awaited = bundles.awaited();
        if (!awaited.isEmpty()) {
            response.withData("bundles not activated", String.join(", ", awaited));
        }
        return response.status(missing.isEmpty() && awaited.isEmpty()).build();
    }
}
