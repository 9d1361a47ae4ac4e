package io.sark.opa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.InputPaths;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import io.sark.opa.regoc.RegoCompiler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules this compiler makes say what each entrypoint reads of input, and the host passes only that. */
class InputPathsSectionTest {

    private static final String REGO = """
            package t
            is_admin(u) if u.role == "admin"
            allow if { is_admin(input.user); input.method == "GET" }
            user_known if input.user
            everything := input
            """;

    private static final List<String> INPUTS = List.of(
            "{\"user\":{\"role\":\"admin\",\"name\":\"a\"},\"method\":\"GET\",\"body\":{\"x\":[1,2,3]}}",
            "{\"user\":{\"role\":\"dev\"},\"method\":\"GET\"}",
            "{\"user\":[\"role\"],\"method\":\"GET\"}",
            "{\"user\":false,\"method\":\"GET\",\"method\":\"POST\"}",
            "{\"method\":\"GET\"}",
            "[1,2]",
            "\"user\"",
            "{}");

    private static OpaPolicy policy(boolean projection) {
        return policy(projection, true);
    }

    private static OpaPolicy policy(boolean projection, boolean hostBuiltInput) {
        var policy = RegoCompiler.compile(List.of(RegoParser.parseModule("p.rego", REGO, RegoVersion.V1)),
                List.of("t/allow", "t/user_known", "t/everything"));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", policy);
        return OpaPolicy.builder("t", Parser.parse(wasm)).withInputProjection(projection)
                .withHostBuiltInput(hostBuiltInput).build();
    }

    @Test
    void theSectionNamesThePartsEachEntrypointReads() {
        InputPaths paths = policy(true).inputPaths();
        InputPaths.Node allow = paths.of("t/allow");
        assertThat(allow.whole()).isFalse();
        assertThat(allow.children().keySet()).containsExactlyInAnyOrder("user", "method");
        assertThat(allow.children().get("user").children().get("role").whole()).isTrue();
        assertThat(paths.of("t/everything").whole()).isTrue();
        assertThat(policy(false).inputPaths().of("t/allow").whole()).isTrue();
    }

    @Test
    void projectedInputDecidesAsAllOfItDoes() {
        sameDecisions(policy(true), policy(false));
    }

    @Test
    void inputAsTextTheModuleParsesDecidesAsInputTheHostLaysOut() {
        sameDecisions(policy(true, false), policy(true, true));
        sameDecisions(policy(false, false), policy(false, true));
    }

    private static void sameDecisions(OpaPolicy a, OpaPolicy b) {
        var first = a.newInstance();
        var second = b.newInstance();
        for (String input : INPUTS) {
            for (String entrypoint : List.of("t/allow", "t/user_known", "t/everything")) {
                byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
                assertThat(first.evaluate(entrypoint, bytes, Duration.ofSeconds(5)))
                        .as(entrypoint + " of " + input)
                        .isEqualTo(second.evaluate(entrypoint, bytes, Duration.ofSeconds(5)));
            }
        }
    }
}
