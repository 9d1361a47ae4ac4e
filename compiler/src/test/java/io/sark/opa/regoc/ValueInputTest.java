package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.InvalidInputException;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input given as OPA value text keeps what JSON cannot say: sets and non-string keys. */
class ValueInputTest {
    private static final String REGO = """
            package t
            out := [is_set(input.s), count(input.s), input.o[1]]
            """;

    private static OpaPolicy policy() {
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("p.rego", RegoCompiler.compile(
                List.of(RegoParser.parseModule("p.rego", REGO, RegoVersion.V1)), List.of("t/out")));
        return OpaPolicy.builder("t", Parser.parse(wasm)).withBuiltins(Builtins.defaults()).build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void setsAndNonStringKeysArriveAsWritten() {
        assertThat(policy().newInstance().evaluateValueInput("t/out", utf8("{\"s\": {1, 2, 2}, \"o\": {1: \"one\"}}"),
                Duration.ofSeconds(5))).isEqualTo("[{\"result\":[true,2,\"one\"]}]");
    }

    @Test
    void textTheModuleCannotReadIsInvalidInput() {
        assertThatThrownBy(() -> policy().newInstance().evaluateValueInput("t/out", utf8("{\"s\": {1,"),
                Duration.ofSeconds(5))).isInstanceOf(InvalidInputException.class).hasMessageContaining("OPA value text");
    }
}
