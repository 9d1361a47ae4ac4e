package io.sark.opa.remote.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Every decision from the remote server, shadowed in process. */
public class RemoteOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.sark-opa.remote.engine", "remote",
                "quarkus.sark-opa.remote.shadow.enabled", "true");
    }
}
