package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same requests against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
@TestProfile(InputHardeningProfile.class)
class InputHardeningIT extends InputHardeningTest {
}
