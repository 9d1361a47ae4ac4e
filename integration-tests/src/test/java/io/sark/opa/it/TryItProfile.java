package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway as the README's "Try it" runs it: the test profile, then the {@code try} profile on top. */
public class TryItProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,try";
    }
}
