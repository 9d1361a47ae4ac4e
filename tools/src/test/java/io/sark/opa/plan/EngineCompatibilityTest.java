package io.sark.opa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Compiled modules run on the project's OPA ABI host (engine), across heap resets between evaluations. */
class EngineCompatibilityTest {

    @Test
    void engineLoadsAndEvaluatesACompiledPlan() {
        OpaPolicy policy = OpaPolicy.builder("example", Parser.parse(PlanCompilerTest.compile(PlanCompilerTest.EXAMPLE_PLAN)))
                .withData("{\"y\": 2.5}".getBytes(StandardCharsets.UTF_8))
                .withBuiltins(Builtins.defaults())
                .build();
        assertThat(policy.entrypoints()).containsEntry("sum", 0).containsEntry("items", 1);
        OpaInstance instance = policy.newInstance();
        for (int round = 0; round < 3; round++) {
            assertThat(instance.evaluate("sum", json("{\"x\": 40}"), Duration.ofSeconds(5))).isEqualTo("[{\"result\":42.5}]");
            assertThat(instance.evaluate("items", json("{\"xs\": [\"a\", \"b\", \"c\"]}"), Duration.ofSeconds(5)))
                    .isEqualTo("[{\"result\":[\"A\",\"C\"]}]");
            assertThat(instance.evaluate("sum", json("{}"), Duration.ofSeconds(5))).isEqualTo("[]");
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
