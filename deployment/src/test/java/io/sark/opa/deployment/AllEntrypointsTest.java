package io.sark.opa.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.sark-opa.all-entrypoints}, the decision API answers {@code /v1/data/<path>} for rules no
 * METADATA marks, for packages (their rules beside the base data, functions left out) and for the documents that
 * hold nested packages, as an OPA server does: v1/server/server.go evaluates {@code data.<path>} for any path, and
 * an undefined rule is absent from its package's object.
 */
class AllEntrypointsTest {

    private static final String SHOP = """
            package shop

            # METADATA
            # entrypoint: true
            default allow := false

            allow if input.user == "admin"

            discount := 10 if input.member

            tier := "gold"

            double(x) := x * 2

            twice := double(3)
            """;

    private static final String ORDERS = """
            package shop.orders

            limit := 5

            items contains "a"

            items contains "b"

            limits.daily := 100
            """;

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(SHOP), "policies/shop/shop.rego")
            .addAsResource(new StringAsset(ORDERS), "policies/shop/orders/orders.rego")
            .addAsResource(new StringAsset("{\"currency\": \"EUR\"}"), "policies/shop/data.json"))
            .overrideConfigKey("quarkus.sark-opa.all-entrypoints", "true")
            .overrideConfigKey("quarkus.sark-opa.server.enabled", "true")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void anUnmarkedRuleAnswersWithTheInputGiven() {
        given().contentType(ContentType.JSON).body("{\"input\": {\"member\": true}}").post("/v1/data/shop/discount")
                .then().statusCode(200).body("result", equalTo(10)).body("warning", nullValue());
        given().get("/v1/data/shop/tier").then().statusCode(200).body("result", equalTo("gold"));
        given().get("/v1/data/shop/twice").then().statusCode(200).body("result", equalTo(6));
    }

    @Test
    void anUndefinedRuleAnswersWithoutResult() {
        given().contentType(ContentType.JSON).body("{\"input\": {}}").post("/v1/data/shop/discount")
                .then().statusCode(200).body("result", nullValue()).body("warning", nullValue());
    }

    @Test
    void aNestedPackageAnswersItsRulesAsOneObject() {
        given().get("/v1/data/shop/orders").then().statusCode(200)
                .body("result", equalTo(Map.of("limit", 5, "items", List.of("a", "b"), "limits", Map.of("daily", 100))));
        given().get("/v1/data/shop/orders/limits").then().statusCode(200)
                .body("result", equalTo(Map.of("daily", 100)));
        given().get("/v1/data/shop/orders/limits/daily").then().statusCode(200).body("result", equalTo(100));
    }

    @Test
    void aPackageAnswersItsRulesItsBaseDataAndItsSubpackagesWithoutFunctionsOrUndefinedRules() {
        given().get("/v1/data/shop").then().statusCode(200).body("result", equalTo(Map.of(
                "currency", "EUR",
                "allow", false,
                "tier", "gold",
                "twice", 6,
                "orders", Map.of("limit", 5, "items", List.of("a", "b"), "limits", Map.of("daily", 100)))));
    }
}
