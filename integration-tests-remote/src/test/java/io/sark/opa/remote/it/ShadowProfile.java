package io.sark.opa.remote.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Decisions served in process and shadowed on the remote server, every one of them. */
public class ShadowProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.sark-opa.remote.engine", "embedded",
                "quarkus.sark-opa.remote.shadow.enabled", "true",
                "quarkus.sark-opa.remote.shadow.sample-rate", "1.0");
    }
}
