package io.sark.opa.deployment.observability;

import io.sark.opa.runtime.engine.EmbeddedEngine;
import static io.restassured.RestAssured.get;
import static io.sark.opa.deployment.PolicyFixtures.demoBundle;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import io.sark.opa.PolicyEvaluator;
import io.sark.opa.runtime.engine.PolicyRegistry;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /q/health/ready is down while a policy the application was built with is not loaded, and up again once it is. */
class ReadinessTest {

    private static final String CHECK = "checks.find { it.name == 'sark-opa policies' }";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new ByteArrayAsset(demoBundle("r7")), "policies/demo.tar.gz"))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PolicyEvaluator evaluator;


    @Inject

    EmbeddedEngine embedded;

    @Test
    void readinessFollowsWhetherEveryPolicyIsLoaded() {
        PolicyRegistry built = embedded.registry();
        try {
            get("/q/health/ready").then().statusCode(200)
                    .body(CHECK + ".status", equalTo("UP"))
                    .body(CHECK + ".data.demo", equalTo("r7"));

            embedded.install(new PolicyRegistry(List.of()));
            get("/q/health/ready").then().statusCode(503)
                    .body(CHECK + ".status", equalTo("DOWN"))
                    .body(CHECK + ".data.missing", equalTo("demo"));
        } finally {
            embedded.install(built);
        }
        get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.demo", equalTo("r7"));
    }
}
