package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same requests against the packaged application (target/quarkus-app), its clock stopped by the test profile. */
@QuarkusIntegrationTest
@TestProfile(FixedClockProfile.class)
class RegoToolGatewayIT extends RegoToolGatewayTest {
}
