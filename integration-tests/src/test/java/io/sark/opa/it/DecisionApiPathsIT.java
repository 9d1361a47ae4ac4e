package io.sark.opa.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same requests against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
@TestProfile(DecisionApiFallbackProfile.class)
@WithTestResource(FakeRemoteOpa.class)
class DecisionApiPathsIT extends DecisionApiPathsTest {
}
