package io.sark.opa.remote.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the sample gateway process before the test app and points the app's remote engine at it. */
public class RemoteGatewayResource implements QuarkusTestResourceLifecycleManager {

    private SampleGatewayProcess gateway;

    @Override
    public Map<String, String> start() {
        try {
            gateway = SampleGatewayProcess.start();
        } catch (Exception e) {
            throw new IllegalStateException("the sample gateway could not be started: " + e.getMessage(), e);
        }
        return Map.of("quarkus.sark-opa.remote.url", gateway.url());
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
