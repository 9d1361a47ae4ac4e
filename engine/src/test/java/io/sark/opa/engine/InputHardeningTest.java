package io.sark.opa.engine;

import static io.sark.opa.engine.DemoPolicyTest.ENTRYPOINT;
import static io.sark.opa.engine.DemoPolicyTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input OPA accepts is evaluated, input beyond the host's nesting limit is refused before any wasm runs, and
 * neither breaks the instance (OPA's demo module, on both evaluation paths).
 */
class InputHardeningTest {

    private static String nested(int depth) {
        return "{\"user\":\"alice\",\"d\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @ParameterizedTest(name = "oneCall={0}")
    @CsvSource({"false", "true"})
    void aLoneSurrogateIsReadAsGoReadsIt(boolean oneCall) {
        // Go's encoding/json decodes an unpaired surrogate escape as U+FFFD (OPA v1/util/json.go decodes with it);
        // OPA's wasm runtime aborts on it ("illegal string escape character"), so the host rewrites the escape
        OpaInstance instance = DemoPolicyTest.demoPolicy(false, oneCall).newInstance();
        assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"\\ud800\"}"), null)).isEqualTo("[{\"result\":false}]");
        assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"\\udc00alice\\ud800\"}"), null))
                .isEqualTo("[{\"result\":false}]");
        assertThat(instance.isBroken()).isFalse();
        // a pair, and an escaped backslash before "ud800", are left alone
        assertThat(JsonText.withoutLoneSurrogates(bytes("[\"\\ud83d\\ude00\",\"\\\\ud800\"]")))
                .isEqualTo(bytes("[\"\\ud83d\\ude00\",\"\\\\ud800\"]"));
        assertThat(new String(JsonText.withoutLoneSurrogates(bytes("[\"\\uD800x\",\"\\ude00\"]"))))
                .isEqualTo("[\"\\ufffdx\",\"\\ufffd\"]");
    }

    @ParameterizedTest(name = "oneCall={0}")
    @CsvSource({"false", "true"})
    void inputNestedBeyondTheLimitIsRefusedAndTheInstanceStays(boolean oneCall) {
        OpaInstance instance = DemoPolicyTest.demoPolicy(false, oneCall).newInstance();
        assertThat(instance.evaluate(ENTRYPOINT, bytes(nested(JsonText.MAX_INPUT_DEPTH)), null))
                .isEqualTo("[{\"result\":true}]");
        assertThatThrownBy(() -> instance.evaluate(ENTRYPOINT, bytes(nested(JsonText.MAX_INPUT_DEPTH + 1)), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than 256 deep");
        assertThatThrownBy(() -> instance.evaluate(ENTRYPOINT, bytes("{\"user\":"), null))
                .isInstanceOf(InvalidInputException.class);
        assertThat(instance.isBroken()).isFalse();
        assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"alice\"}"), null)).isEqualTo("[{\"result\":true}]");
    }

    @ParameterizedTest(name = "oneCall={0}")
    @CsvSource({"false", "true"})
    void numbersOfAnySizeAreInputUpToTheExponentLimit(boolean oneCall) {
        // OPA decodes input with UseNumber (v1/util/json.go), so any JSON number syntax is its text; the host bounds
        // the exponent (JsonText.MAX_EXPONENT_DIGITS), which a module pays for, and says so before any wasm runs
        OpaInstance instance = DemoPolicyTest.demoPolicy(false, oneCall).newInstance();
        for (String number : new String[] {"1e999999", "1E-999999", "1e+0000999999", "1" + "0".repeat(2000)}) {
            assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"alice\",\"n\":" + number + "}"), Duration.ofSeconds(5)))
                    .as(number).isEqualTo("[{\"result\":true}]");
        }
        for (String number : new String[] {"1e2147483647", "1e2147483648", "1e-2147483648", "1e99999999999999999999", "1e1000000"}) {
            assertThatThrownBy(() -> instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"alice\",\"n\":" + number + "}"), null))
                    .as(number).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("exponent has more than 6 digits (line 1, column 21)");
        }
        assertThat(instance.isBroken()).isFalse();
    }

    @Test
    void theInputLimitsLeaveDataAlone() {
        // data is the operator's document, read once at load: OPA reads any number there, and so does the host
        OpaPolicy policy = OpaPolicy.builder("demo", DemoPolicyTest.demoModule())
                .withData(bytes("{\"role\": {\"alice\": \"admin\"}, \"n\": 1e2147483648}")).build();
        assertThat(policy.newInstance().evaluate(ENTRYPOINT, bytes("{\"user\":\"alice\"}"), null))
                .isEqualTo("[{\"result\":true}]");
    }
}
