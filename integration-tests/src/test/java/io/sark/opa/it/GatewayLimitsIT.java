package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same requests against the packaged application (target/quarkus-app); its log is its own process's. */
@QuarkusIntegrationTest
class GatewayLimitsIT extends GatewayLimitsTest {
}
