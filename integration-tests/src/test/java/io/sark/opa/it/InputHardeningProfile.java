package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The gateway with OPA's Data API and the decision cache on, as an operator would run it in front of clients: bodies
 * up to the engine's max-input-bytes, since the sample's own routes need only 16K.
 */
public class InputHardeningProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.sark-opa.server.enabled", "true", "quarkus.sark-opa.cache.enabled", "true",
                "quarkus.http.limits.max-body-size", "1M",
                // the tests guard where work runs and what is answered, not how fast: a shared machine may be slow
                "quarkus.sark-opa.timeout", "5s");
    }
}
