package io.sark.opa.remote.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The remote server is down: its URL is a local port nothing listens on. */
public class RemoteDownProfile implements QuarkusTestProfile {

    static final String URL = "http://127.0.0.1:" + FreePort.find();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.sark-opa.remote.url", URL, "quarkus.sark-opa.remote.connect-timeout", "500ms");
    }
}
