package io.sark.opa.regoc;

import io.sark.opa.ir.PlanWriter;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static io.sark.opa.regoc.RegoCompilerTest.eval;
import static org.assertj.core.api.Assertions.assertThat;

/** Definitions that start by comparing one input path with constants: looked up once, same answers. */
class EqualityDispatchTest {
    private static final String REGO = """
            package t
            allow if { input.method == "GET"; input.path == "/a" }
            allow if { input.method == "GET"; input.path == "/b" }
            allow if { input.method = "POST"; input.user == "admin" }
            allow if { "DELETE" == input.method; input.user == "root" }
            allow if input.user == "root"
            """;

    @Test
    void answersAsEveryDefinitionWouldOnItsOwn() {
        assertThat(allow("{\"method\":\"GET\",\"path\":\"/b\"}")).isEqualTo("[{\"result\":true}]");
        assertThat(allow("{\"method\":\"GET\",\"path\":\"/c\"}")).isEqualTo("[]");
        assertThat(allow("{\"method\":\"POST\",\"user\":\"admin\"}")).isEqualTo("[{\"result\":true}]");
        assertThat(allow("{\"method\":\"POST\",\"user\":\"bob\"}")).isEqualTo("[]");
        assertThat(allow("{\"method\":\"PUT\",\"user\":\"root\"}")).isEqualTo("[{\"result\":true}]");
        assertThat(allow("{\"user\":\"root\"}")).isEqualTo("[{\"result\":true}]");
        assertThat(allow("{\"method\":\"DELETE\",\"user\":\"root\"}")).isEqualTo("[{\"result\":true}]");
    }

    @Test
    void theInputPathIsLookedUpOnceAndEachConstantComparedOnce() {
        String plan = PlanWriter.write(RegoCompiler.compile(
                List.of(RegoParser.parseModule("p.rego", REGO, RegoVersion.V1)), List.of("t/allow"))).toString();
        // the strings table lists "method" once; one DotStmt reads it, with its string index as key
        String methodIndex = "\"key\":{\"type\":\"string_index\",\"value\":" + stringIndex(plan, "method") + "}";
        assertThat(plan.split(Pattern.quote(methodIndex), -1).length - 1).isEqualTo(1);
    }

    private static String allow(String input) {
        return eval(REGO, "t/allow", "{}", input);
    }

    private static int stringIndex(String plan, String s) {
        String strings = plan.substring(plan.indexOf("\"strings\":["), plan.indexOf("]", plan.indexOf("\"strings\":[")));
        return List.of(strings.substring(strings.indexOf('[') + 1).split(",")).indexOf("{\"value\":\"" + s + "\"}");
    }
}
