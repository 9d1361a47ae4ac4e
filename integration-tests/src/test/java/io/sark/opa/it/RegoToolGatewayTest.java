package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample gateway's {@code /v3} route through real HTTP, decided by the Rego bundle {@code policies/tool-access/}
 * from the caller's headers, the resource in the body and the gateway's clock (stopped on a Wednesday, 11:00 in
 * Berlin, where tenant acme is).
 */
@QuarkusTest
@TestProfile(FixedClockProfile.class)
class RegoToolGatewayTest {

    private static RequestSpecification caller(String user, String roles, String tenant) {
        return given().header("X-User", user).header("X-Roles", roles).header("X-Tenant", tenant)
                .contentType(ContentType.JSON);
    }

    private static String resource(String tenant, String sensitivity) {
        return "{\"tenant\": \"" + tenant + "\", \"sensitivity\": \"" + sensitivity + "\"}";
    }

    @ParameterizedTest(name = "{0} ({1}) of {2} may invoke {3} on {4} data")
    @CsvSource({
            "alice, admin, acme, deploy, restricted",
            "bob, developer, acme, deploy, confidential",
            "bob, developer, acme, code-review, internal",
            "carol, analyst, globex, reports, confidential",
            "dave, guest, globex, search, public",
            "erin, 'guest, analyst', acme, reports, internal",
    })
    void allowed(String user, String roles, String tenant, String tool, String sensitivity) {
        caller(user, roles, tenant).body(resource(tenant, sensitivity)).post("/v3/tools/" + tool + "/invoke")
                .then().statusCode(200)
                .body("status", equalTo("invoked"))
                .body("tool", equalTo(tool))
                .body("user", equalTo(user))
                .body("tenant", equalTo(tenant))
                .body("policy", equalTo("tool-access"))
                .body("time", equalTo(FixedClockProfile.NOW));
    }

    /** One case a refusal: the caller, the tool and the resource, and the one reason the policy gives. */
    @ParameterizedTest(name = "{0} ({1}) of {2} may not invoke {3} on {5} data of {4}: {6}")
    @CsvSource({
            // a role the tool does not admit
            "carol, analyst, acme, deploy, acme, internal, no role of carol may invoke deploy",
            // another tenant's resource
            "alice, admin, acme, search, globex, public, tenant acme may not act on resources of tenant globex",
            // a tool the tenant has not enabled
            "frank, developer, globex, code-review, globex, internal, tool code-review is not enabled for tenant globex",
            // data above the caller's clearance
            "dave, guest, globex, search, globex, internal, internal data needs a higher clearance than the roles of dave give",
            // outside the time window: the stopped clock is 11:00 in acme's Berlin (allowed above), 05:00 in New York
            "grace, admin, globex, deploy, globex, public, deploy may be invoked only on working days from 08:00 to 18:00",
    })
    void refusedWithTheReason(String user, String roles, String tenant, String tool, String resourceTenant,
            String sensitivity, String reason) {
        caller(user, roles, tenant).body(resource(resourceTenant, sensitivity)).post("/v3/tools/" + tool + "/invoke")
                .then().statusCode(403)
                .body("error", equalTo(user + " may not invoke " + tool))
                .body("reasons", contains(reason));
    }

    @Test
    void aRequestWithoutTenantOrResourceIsRefused() {
        given().header("X-User", "alice").header("X-Roles", "admin").contentType(ContentType.JSON).body("{}")
                .post("/v3/tools/search/invoke")
                .then().statusCode(403)
                .body("reasons", contains("the request names no tenant", "the resource names no sensitivity",
                        "the resource names no tenant"));
    }

    @Test
    void aRequestWithoutUserIsRefused() {
        given().contentType(ContentType.JSON).body(resource("acme", "public")).post("/v3/tools/search/invoke")
                .then().statusCode(401);
    }

    @Test
    void theEarlierVersionsStillFollowTheirPolicies() {
        // bob is no admin for demo-policy.wasm; the plan bundle admits his developer role to code-review
        given().header("X-User", "bob").post("/tools/code-review/invoke").then().statusCode(403);
        given().header("X-User", "bob").post("/v2/tools/code-review/invoke").then().statusCode(200);
    }
}
