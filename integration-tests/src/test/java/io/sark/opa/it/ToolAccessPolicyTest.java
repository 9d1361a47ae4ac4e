package io.sark.opa.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.sark.opa.Decision;
import io.sark.opa.PolicyEvaluator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Rego policy {@code policies/tool-access/} on named cases, as the application compiled it (Rego to wasm to JVM
 * bytecode at build time): each case gives a full input, time included, and the decision and reasons it must get.
 */
@QuarkusTest
class ToolAccessPolicyTest {

    /** Wednesday 4 March 2026, 10:00 UTC: 11:00 in Berlin (acme), 05:00 in New York (globex). */
    private static final String WEDNESDAY = "2026-03-04T10:00:00Z";

    @Inject
    PolicyEvaluator evaluator;

    static Stream<Arguments> cases() {
        return Stream.of(
                // role-based access
                allowed("an admin may use every tool", input("alice", "admin", "acme", "deploy", "acme", "restricted", WEDNESDAY)),
                allowed("a guest may search", input("dave", "guest", "acme", "search", "acme", "public", WEDNESDAY)),
                denied("a guest may not review code", input("dave", "guest", "acme", "code-review", "acme", "public", WEDNESDAY),
                        "no role of dave may invoke code-review"),
                allowed("one admitting role among several is enough",
                        input("erin", "guest,analyst", "acme", "reports", "acme", "internal", WEDNESDAY)),
                denied("a role the data does not know admits nothing",
                        input("mallory", "root", "acme", "search", "acme", "public", WEDNESDAY),
                        "no role of mallory may invoke search",
                        "public data needs a higher clearance than the roles of mallory give"),
                denied("no roles admit nothing", input("mallory", "", "acme", "search", "acme", "public", WEDNESDAY),
                        "no role of mallory may invoke search",
                        "public data needs a higher clearance than the roles of mallory give"),
                denied("an unknown tool", input("alice", "admin", "acme", "shell", "acme", "public", WEDNESDAY),
                        "unknown tool shell"),
                // tenant isolation
                denied("a resource of another tenant", input("alice", "admin", "acme", "search", "globex", "public", WEDNESDAY),
                        "tenant acme may not act on resources of tenant globex"),
                denied("a tool the tenant has not enabled",
                        input("frank", "developer", "globex", "code-review", "globex", "internal", WEDNESDAY),
                        "tool code-review is not enabled for tenant globex"),
                denied("an unknown tenant", input("alice", "admin", "initech", "search", "initech", "public", WEDNESDAY),
                        "unknown tenant initech"),
                denied("no tenant at all", input("alice", "admin", null, "search", null, "public", WEDNESDAY),
                        "the request names no tenant", "the resource names no tenant"),
                // sensitivity levels
                allowed("a developer's clearance reaches confidential",
                        input("bob", "developer", "acme", "code-review", "acme", "confidential", WEDNESDAY)),
                denied("but not restricted", input("bob", "developer", "acme", "code-review", "acme", "restricted", WEDNESDAY),
                        "restricted data needs a higher clearance than the roles of bob give"),
                allowed("the highest clearance among the roles counts",
                        input("erin", "guest,analyst", "acme", "search", "acme", "confidential", WEDNESDAY)),
                denied("a guest sees public data only", input("dave", "guest", "acme", "search", "acme", "internal", WEDNESDAY),
                        "internal data needs a higher clearance than the roles of dave give"),
                denied("an unknown sensitivity", input("alice", "admin", "acme", "search", "acme", "secret", WEDNESDAY),
                        "unknown sensitivity secret"),
                denied("no sensitivity", input("alice", "admin", "acme", "search", "acme", null, WEDNESDAY),
                        "the resource names no sensitivity"),
                // time windows, in the tenant's zone
                denied("07:59 in Berlin is before the window", input("bob", "developer", "acme", "deploy", "acme", "internal",
                        "2026-03-04T06:59:00Z"), "deploy may be invoked only on working days from 08:00 to 18:00"),
                allowed("08:00 in Berlin opens it", input("bob", "developer", "acme", "deploy", "acme", "internal",
                        "2026-03-04T07:00:00Z")),
                allowed("17:59 in Berlin is inside", input("bob", "developer", "acme", "deploy", "acme", "internal",
                        "2026-03-04T16:59:59Z")),
                denied("18:00 in Berlin closes it", input("bob", "developer", "acme", "deploy", "acme", "internal",
                        "2026-03-04T17:00:00Z"), "deploy may be invoked only on working days from 08:00 to 18:00"),
                allowed("summer time: 06:00 UTC is 08:00 in Berlin", input("bob", "developer", "acme", "deploy", "acme",
                        "internal", "2026-07-01T06:00:00Z")),
                denied("Saturday is no working day", input("alice", "admin", "acme", "deploy", "acme", "internal",
                        "2026-03-07T11:00:00Z"), "deploy may be invoked only on working days from 08:00 to 18:00"),
                denied("the same instant is 05:00 in New York", input("grace", "admin", "globex", "deploy", "globex",
                        "internal", WEDNESDAY), "deploy may be invoked only on working days from 08:00 to 18:00"),
                denied("a windowed tool needs the time", input("alice", "admin", "acme", "deploy", "acme", "internal", null),
                        "deploy may be invoked only on working days from 08:00 to 18:00"),
                denied("a time that is not RFC 3339 opens no window",
                        input("alice", "admin", "acme", "deploy", "acme", "internal", "Wednesday 11:00"),
                        "deploy may be invoked only on working days from 08:00 to 18:00"),
                allowed("a tool without a window needs no time",
                        input("alice", "admin", "acme", "search", "acme", "internal", null)),
                // several reasons at once, sorted
                denied("every rule that refuses says so",
                        input("dave", "guest", "acme", "deploy", "globex", "restricted", "2026-03-07T11:00:00Z"),
                        "deploy may be invoked only on working days from 08:00 to 18:00",
                        "no role of dave may invoke deploy",
                        "restricted data needs a higher clearance than the roles of dave give",
                        "tenant acme may not act on resources of tenant globex"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, JsonObject input, boolean allow, List<String> reasons) {
        Decision decision = evaluator.evaluateBlocking("gateway/access/decision", input);
        assertThat(decision.value()).isInstanceOf(JsonObject.class);
        JsonObject value = (JsonObject) decision.value();
        assertThat(value.getBoolean("allow")).isEqualTo(allow);
        assertThat(value.getJsonArray("reasons")).isEqualTo(new JsonArray(List.copyOf(reasons)));
        assertThat(evaluator.evaluateBlocking("gateway/access/allow", input).allowed()).isEqualTo(allow);
    }

    private static Arguments allowed(String name, JsonObject input) {
        return Arguments.of(name, input, true, List.of());
    }

    private static Arguments denied(String name, JsonObject input, String... reasons) {
        return Arguments.of(name, input, false, List.of(reasons));
    }

    /** The input the gateway builds; a null leaves that member out, roles are comma-separated. */
    private static JsonObject input(String user, String roles, String tenant, String tool, String resourceTenant,
            String sensitivity, String time) {
        JsonObject resource = new JsonObject();
        putIfPresent(resource, "tenant", resourceTenant);
        putIfPresent(resource, "sensitivity", sensitivity);
        JsonObject input = new JsonObject().put("user", user).put("tool", tool).put("resource", resource)
                .put("roles", new JsonArray(roles.isEmpty() ? List.of() : List.of((Object[]) roles.split(","))));
        putIfPresent(input, "tenant", tenant);
        putIfPresent(input, "time", time);
        return input;
    }

    private static void putIfPresent(JsonObject object, String key, String value) {
        if (value != null) {
            object.put(key, value);
        }
    }
}
