package io.sark.opa.server;

import io.sark.opa.runtime.LoadedPolicy;
import io.sark.opa.runtime.PolicyRegistry;
import io.vertx.core.json.JsonObject;

/** OPA's {@code provenance} member: the server version and the revision of each loaded bundle. */
final class Provenance {

    private Provenance() {}

    static JsonObject of(PolicyRegistry registry) {
        JsonObject bundles = new JsonObject();
        for (LoadedPolicy policy : registry.policies()) {
            bundles.put(policy.name(), new JsonObject().put("revision", policy.revision() == null ? "" : policy.revision()));
        }
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new JsonObject().put("version", version == null ? "sark-opa" : "sark-opa " + version).put("bundles", bundles);
    }
}
