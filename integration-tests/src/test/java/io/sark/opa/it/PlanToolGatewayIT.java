package io.sark.opa.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same requests against the packaged application (target/quarkus-app), as it would run in production. */
@QuarkusIntegrationTest
class PlanToolGatewayIT extends PlanToolGatewayTest {
}
