package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OPA's own demo-policy.wasm through every evaluation path: interpreted or compiled, one call or classic. */
class DemoPolicyTest {

    static final String ENTRYPOINT = "opa/wasm/test/allowed";
    static final byte[] DATA = bytes("{\"role\": {\"alice\": \"admin\", \"bob\": \"user\"}}");

    static WasmModule demoModule() {
        try (InputStream in = DemoPolicyTest.class.getResourceAsStream("/demo-policy.wasm")) {
            return Parser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static OpaPolicy demoPolicy(boolean compiled, boolean oneCall) {
        WasmModule module = demoModule();
        OpaPolicy.Builder builder = OpaPolicy.builder("demo", module).withData(DATA).withOneCallEval(oneCall);
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        return builder.build();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "compiled={0} oneCall={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void decidesAsTheRegoSays(boolean compiled, boolean oneCall) {
        OpaPolicy policy = demoPolicy(compiled, oneCall);
        assertThat(policy.abiVersion().major()).isEqualTo(1);
        assertThat(policy.entrypoints()).containsKey(ENTRYPOINT);
        OpaInstance instance = policy.newInstance();
        // Repeated evaluations on one instance: each starts from a clean heap.
        for (int i = 0; i < 3; i++) {
            assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\": \"alice\"}"), null))
                    .isEqualTo("[{\"result\":true}]");
            assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\": \"bob\"}"), null))
                    .isEqualTo("[{\"result\":false}]");
            assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\": \"mallory\"}"), null))
                    .isEqualTo("[{\"result\":false}]");
            assertThat(instance.evaluate(ENTRYPOINT, bytes("{}"), null)).isEqualTo("[{\"result\":false}]");
        }
        assertThat(instance.evaluate(ENTRYPOINT, null, null)).isEqualTo("[{\"result\":false}]");
    }

    @ParameterizedTest(name = "oneCall={0}")
    @CsvSource({"false", "true"})
    void inputLargerThanTheInitialMemoryIsDecided(boolean oneCall) {
        // the module starts with 2 pages (128 KiB): one-call input is written before any wasm allocator grows them
        String input = "{\"user\": \"alice\", \"padding\": \"" + "x".repeat(200_000) + "\"}";
        OpaInstance instance = demoPolicy(false, oneCall).newInstance();
        for (int i = 0; i < 2; i++) {
            assertThat(instance.evaluate(ENTRYPOINT, bytes(input), null)).isEqualTo("[{\"result\":true}]");
        }
    }

    @ParameterizedTest(name = "oneCall={0}")
    @CsvSource({"false", "true"})
    void malformedInputIsNamedAndTheInstanceReplaced(boolean oneCall) {
        OpaInstance instance = demoPolicy(false, oneCall).newInstance();
        assertThatThrownBy(() -> instance.evaluate(ENTRYPOINT, bytes("{\"user\": "), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("'demo'");
    }

    @org.junit.jupiter.api.Test
    void unknownEntrypointListsTheKnownOnes() {
        OpaInstance instance = demoPolicy(false, true).newInstance();
        assertThatThrownBy(() -> instance.evaluate("opa/wasm/test/nope", bytes("{}"), null))
                .isInstanceOf(UnknownEntrypointException.class)
                .hasMessageContaining("opa/wasm/test/nope")
                .hasMessageContaining(ENTRYPOINT);
        assertThat(instance.isBroken()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void oversizedInputIsRefusedBeforeTheModuleSeesIt() {
        OpaPolicy policy = OpaPolicy.builder("demo", demoModule()).withData(DATA).withMaxInputBytes(32).build();
        OpaInstance instance = policy.newInstance();
        assertThatThrownBy(() -> instance.evaluate(ENTRYPOINT, bytes("{\"user\": \"" + "a".repeat(40) + "\"}"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than the limit of 32");
        assertThat(instance.evaluate(ENTRYPOINT, bytes("{\"user\":\"alice\"}"), null)).isEqualTo("[{\"result\":true}]");
    }

    @org.junit.jupiter.api.Test
    void dataThatIsNotJsonFailsTheLoad() {
        assertThatThrownBy(() -> OpaPolicy.builder("demo", demoModule()).withData(bytes("{\"role\": [}")).build())
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("'demo'")
                .hasMessageContaining("data is not valid JSON")
                .hasMessageContaining("line 1");
    }

    @org.junit.jupiter.api.Test
    void memoryLimitBelowTheModulesMinimumFailsTheLoad() {
        assertThatThrownBy(() -> OpaPolicy.builder("demo", demoModule()).withMaxMemoryPages(1).build())
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("more than the limit of 1 pages");
    }
}
