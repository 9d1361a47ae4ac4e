package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample gateway's {@code /v2} route through real HTTP, decided by the plan bundle {@code policies/gateway-tools/}
 * (hand-written OPA IR compiled at build time): a user's role must be among the tool's roles in the bundle's data.
 */
@QuarkusTest
class PlanToolGatewayTest {

    @ParameterizedTest(name = "{0} may invoke {1}")
    @CsvSource({
            "alice, search", "alice, deploy", "alice, code-review", "alice, reports",
            "bob, search", "bob, code-review",
            "carol, search", "carol, reports",
            "dave, search",
    })
    void aUserWhoseRoleTheToolAdmitsMayInvokeIt(String user, String tool) {
        given().header("X-User", user).post("/v2/tools/" + tool + "/invoke")
                .then().statusCode(200)
                .body("status", equalTo("invoked"))
                .body("tool", equalTo(tool))
                .body("user", equalTo(user))
                .body("policy", equalTo("gateway-tools"));
    }

    @ParameterizedTest(name = "{0} may not invoke {1}")
    @CsvSource({
            "bob, deploy", "bob, reports",
            "carol, deploy", "carol, code-review",
            "dave, deploy", "dave, code-review", "dave, reports",
    })
    void aUserWhoseRoleTheToolDoesNotAdmitIsRefused(String user, String tool) {
        given().header("X-User", user).post("/v2/tools/" + tool + "/invoke")
                .then().statusCode(403).body("error", equalTo(user + " may not invoke " + tool));
    }

    @Test
    void aStrangerIsRefusedEvenTheToolEveryRoleMayUse() {
        given().header("X-User", "mallory").post("/v2/tools/search/invoke")
                .then().statusCode(403).body("error", equalTo("mallory may not invoke search"));
    }

    @Test
    void aToolTheDataDoesNotKnowIsRefusedEvenToAnAdmin() {
        given().header("X-User", "alice").post("/v2/tools/shell/invoke")
                .then().statusCode(403).body("error", equalTo("alice may not invoke shell"));
    }

    @Test
    void theFirstVersionStillFollowsTheDemoPolicy() {
        // bob is no admin for demo-policy.wasm, but his developer role admits code-review in the plan bundle
        given().header("X-User", "bob").post("/tools/code-review/invoke").then().statusCode(403);
        given().header("X-User", "bob").post("/v2/tools/code-review/invoke").then().statusCode(200);
    }

    @Test
    void aRequestWithoutUserIsRefused() {
        given().post("/v2/tools/search/invoke").then().statusCode(401);
    }
}
