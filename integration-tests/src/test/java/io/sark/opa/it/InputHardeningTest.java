package io.sark.opa.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input OPA accepts gets a decision from the gateway's Data API, input beyond the host's documented limits gets
 * 400 {@code invalid_parameter}, and neither costs a policy instance (issue #15). {@code gateway/access/decision}
 * is the Rego bundle compiled onto this project's wasm runtime; {@code opa/wasm/test/allowed} is OPA's demo module.
 */
@QuarkusTest
@TestProfile(InputHardeningProfile.class)
class InputHardeningTest {

    private static final String DEMO = "/v1/data/opa/wasm/test/allowed";
    private static final String GATEWAY = "/v1/data/gateway/access/decision";

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483647", "1e2147483648", "1e-2147483648", "1e99999999999999999999"})
    void numbersWithAbsurdExponentsAreAnInvalidParameter(String number) {
        // OPA would read any number syntax (UseNumber, v1/util/json.go), but a module pays for an exponent: OPA's own
        // runtime spends half a second on 1e2147483647. The host's documented limit answers at once, a client error
        for (String path : List.of(GATEWAY, DEMO)) {
            post(path, "{\"input\":{\"user\":\"alice\",\"zzz\":" + number + "}}").statusCode(400)
                    .body("code", equalTo("invalid_parameter"))
                    .body("message", containsString("exponent has more than 6 digits"));
            given().queryParam("input", "{\"user\":\"alice\",\"zzz\":" + number + "}").get(path).then().statusCode(400)
                    .body("code", equalTo("invalid_parameter"));
        }
    }

    @Test
    void numberSpellingsOpaTellsApartGetTheirOwnDecisions() {
        // sprintf("%s", [n]) prints 2e2 as a float and 200 as an int in OPA (ast.Number keeps the text); the cache
        // is on, so a shared entry would answer the second question with the first one's reasons
        String asFloat = post(GATEWAY, "{\"input\":{\"tool\":2e2}}").statusCode(200).extract().path("result.reasons[3]");
        String asInt = post(GATEWAY, "{\"input\":{\"tool\":200}}").statusCode(200).extract().path("result.reasons[3]");
        assertThat(asFloat).isNotEqualTo(asInt).contains("float64=200");
        assertThat(asInt).contains("int=200");
    }

    @Test
    void aLoneSurrogateIsReadAsGoReadsIt() {
        // Go's decoder reads "\ud800" as U+FFFD; OPA answers, and so do both kinds of module here
        post(DEMO, "{\"input\":{\"user\":\"\\ud800\"}}").statusCode(200).body("result", equalTo(false));
        post(GATEWAY, "{\"input\":{\"tool\":\"\\ud800\"}}").statusCode(200)
                .body("result.reasons[3]", equalTo("unknown tool \ufffd"));
    }

    @Test
    void nestingUpToTheLimitIsInputAndDeeperIsAnInvalidParameter() {
        // the input object is one level, its member 255 more: 256 in all, the documented limit
        for (String path : List.of(DEMO, GATEWAY)) {
            post(path, "{\"input\":{\"user\":\"alice\",\"d\":" + nested(255) + "}}").statusCode(200);
            post(path, "{\"input\":{\"user\":\"alice\",\"d\":" + nested(256) + "}}").statusCode(400)
                    .body("code", equalTo("invalid_parameter"))
                    .body("message", containsString("more than 256 deep"));
        }
        post(DEMO, "{\"input\":{\"user\":\"alice\"}}").statusCode(200).body("result", equalTo(true));
    }

    @Test
    void theSampleRouteAnswersDeepInputWith400() {
        given().header("X-User", "alice").header("X-Roles", "admin").header("X-Tenant", "acme")
                .contentType(ContentType.JSON)
                .body("{\"tenant\":\"acme\",\"sensitivity\":\"public\",\"unused\":" + nested(300) + "}")
                .post("/v3/tools/search/invoke").then().statusCode(400)
                .body("error", containsString("more than 256 deep"));
    }

    @Test
    void anInputAboveTheWorkerThresholdIsDecidedBesideSmallOnes() throws Exception {
        // 10,000 keys, about 90 KB, above worker-threshold-bytes (64 KiB): evaluated on a worker thread, while small
        // requests go on being answered on the event loops
        StringBuilder big = new StringBuilder("{\"input\":{\"user\":\"alice\"");
        for (int i = 0; i < 10_000; i++) {
            big.append(",\"").append(Integer.toHexString(i)).append("\":0");
        }
        String body = big.append("}}").toString();
        CompletableFuture<Integer> large = CompletableFuture.supplyAsync(() ->
                given().contentType(ContentType.JSON).body(body).post(GATEWAY).statusCode());
        for (int i = 0; i < 20; i++) {
            post(DEMO, "{\"input\":{\"user\":\"alice\",\"i\":" + i + "}}").statusCode(200).body("result", equalTo(true));
        }
        assertThat(large.get()).isEqualTo(200);
    }
}
