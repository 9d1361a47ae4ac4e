package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The gateway with its decision API on and every entrypoint embedded, falling back to a remote server. */
public class DecisionApiFallbackProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.sark-opa.server.enabled", "true",
                "quarkus.sark-opa.remote.engine", "embedded-with-fallback");
    }
}
