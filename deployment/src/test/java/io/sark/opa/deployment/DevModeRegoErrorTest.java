package io.sark.opa.deployment;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusDevModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In dev mode, a Rego compile or syntax error shows on the error page with file, line and column, the session goes
 * on, and fixing the file brings decisions back.
 */
class DevModeRegoErrorTest {

    @RegisterExtension
    static final QuarkusDevModeTest dev = RegoFixtures.devModeApp();

    @Test
    void aCompileErrorIsReportedAndFixingTheFileRecovers() {
        get("/decision/rego/alice").then().statusCode(200).body(equalTo("true"));

        // an unsafe variable: the compiler rejects it
        dev.modifyResourceFile("policies/authz/authz.rego",
                rego -> rego.replace("data.authz.roles[input.user] == \"admin\"", "level == \"admin\""));
        get("/decision/rego/alice").then().statusCode(500)
                .body(containsString("policies/authz/authz.rego:5:"))
                .body(containsString(": rego_unsafe_var_error: var level is unsafe"));

        // a syntax error is reported the same way
        dev.modifyResourceFile("policies/authz/authz.rego", rego -> RegoFixtures.AUTHZ + "\nallow if {\n");
        get("/decision/rego/alice").then().statusCode(500)
                .body(containsString("policies/authz/authz.rego:"))
                .body(containsString(": rego_parse_error: "));

        // fixed: the session never ended, and decisions are back
        dev.modifyResourceFile("policies/authz/authz.rego", rego -> RegoFixtures.AUTHZ);
        get("/decision/rego/alice").then().statusCode(200).body(equalTo("true"));
        get("/decision/rego/bob").then().statusCode(200).body(equalTo("undefined"));
    }
}
