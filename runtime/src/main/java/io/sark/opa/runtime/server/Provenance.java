package io.sark.opa.runtime.server;

import io.sark.opa.runtime.engine.LoadedPolicy;
import io.sark.opa.runtime.engine.PolicyRegistry;
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
