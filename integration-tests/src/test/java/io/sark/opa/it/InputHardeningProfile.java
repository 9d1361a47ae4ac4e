package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The gateway with OPA's Data API and the decision cache on, as an operator would run it in front of clients. */
public class InputHardeningProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.sark-opa.server.enabled", "true", "quarkus.sark-opa.cache.enabled", "true");
    }
}
