package io.sark.opa.runtime.bundles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sark.opa.runtime.config.BundleConfig;
import io.sark.opa.runtime.config.SarkOpaConfig;
import io.sark.opa.runtime.config.ServiceConfig;
import io.sark.opa.runtime.data.EmbeddedPolicyData;
import io.sark.opa.runtime.services.ServiceClient;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link BundlePoller} per configured bundle (OPA's {@code bundles}), started with the application: persisted
 * bundles are activated before it serves, then each bundle is downloaded on its own schedule.
 */
@Singleton
public class BundlePollers {

    private final List<BundlePoller> pollers = new ArrayList<>();
    private final List<ServiceClient> clients = new ArrayList<>();

    BundlePollers(SarkOpaConfig config, Vertx vertx, EmbeddedPolicyData data, PolicyBundles policies,
            Event<BundleOutcome> outcomes) {
        for (Map.Entry<String, BundleConfig> entry : config.bundles().entrySet()) {
            String name = entry.getKey();
            BundleConfig bundle = entry.getValue();
            ServiceConfig service = config.services().get(bundle.service());
            if (service == null) {
                throw new IllegalStateException("bundle '" + name + "' names service '" + bundle.service()
                        + "', which quarkus.sark-opa.services does not define");
            }
            if (bundle.polling().minDelay().compareTo(bundle.polling().maxDelay()) > 0) {
                throw new IllegalStateException("bundle '" + name + "': polling.min-delay is longer than "
                        + "polling.max-delay");
            }
            ServiceClient client = new ServiceClient(vertx, bundle.service(), service);
            clients.add(client);
            Path persisted = bundle.persist()
                    ? Path.of(config.persistenceDirectory(), "bundles", name, "bundle.tar.gz")
                    : null;
            pollers.add(new BundlePoller(name, bundle, client, vertx, b -> activate(data, policies, name, b),
                    persisted, outcomes::fire, BundleSigning.of(name, bundle.signing(), config.keys())));
        }
    }

    private static void activate(EmbeddedPolicyData data, PolicyBundles policies, String name, DataBundle bundle) {
        if (bundle.delta()) {
            data.applyDelta(name, bundle.roots(), bundle.patch());
        } else if (!bundle.policyFiles().isEmpty()) {
            policies.activate(name, bundle);
        } else {
            data.replaceRoots(name, bundle.roots(), bundle.data());
        }
    }

    void start(@Observes StartupEvent event) {
        pollers.forEach(BundlePoller::start);
    }

    void stop(@Observes ShutdownEvent event) {
        pollers.forEach(BundlePoller::stop);
        clients.forEach(ServiceClient::close);
    }

    /** Each bundle's name and active revision ({@code null} before its first activation). */
    public Map<String, String> revisions() {
        Map<String, String> revisions = new LinkedHashMap<>();
        pollers.forEach(p -> revisions.put(p.name(), p.revision()));
        return revisions;
    }

    /** The bundles the readiness check waits for that have not been activated yet. */
    public List<String> awaited() {
        return pollers.stream().filter(p -> p.readinessWaits() && !p.activated()).map(BundlePoller::name).toList();
    }
}
