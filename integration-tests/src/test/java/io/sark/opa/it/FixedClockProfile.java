package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The gateway's clock stopped on Wednesday 4 March 2026, 10:00 UTC (11:00 in Berlin, 05:00 in New York). */
public class FixedClockProfile implements QuarkusTestProfile {

    static final String NOW = "2026-03-04T10:00:00Z";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.clock.fixed", NOW);
    }
}
