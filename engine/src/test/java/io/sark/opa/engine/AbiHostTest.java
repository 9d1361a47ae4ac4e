package io.sark.opa.engine;

import static io.sark.opa.engine.AbiModules.module;
import static io.sark.opa.engine.DemoPolicyTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.WasmModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host against small modules that exercise one ABI corner each. */
class AbiHostTest {

    private static final Builtin TWICE = Builtin.of("test.twice", 1,
            (context, args) -> JsonNodeFactory.instance.arrayNode().add(args[0]).add(args[0]));
    private static final Builtin FAILING = Builtin.of("test.fail", 1, (context, args) -> {
        throw new BuiltinException("test.fail: always fails");
    });

    private static String evaluate(OpaPolicy policy, String input) {
        return policy.newInstance().evaluate("allow", input == null ? null : bytes(input), null);
    }

    @ParameterizedTest(name = "ABI 1.{0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void everyMinorVersionOfAbi1Evaluates(int minor) {
        OpaPolicy policy = OpaPolicy.builder("echo", module().abi(1, minor).build()).build();
        assertThat(policy.abiVersion()).isEqualTo(new AbiVersion(1, minor));
        assertThat(evaluate(policy, "{\"a\":[1,2]}")).isEqualTo("[{\"result\":{\"a\":[1,2]}}]");
    }

    @Test
    void noInputMeansUndefinedInput() {
        OpaPolicy policy = OpaPolicy.builder("echo", module().build()).build();
        assertThat(evaluate(policy, null)).isEqualTo("[]");
    }

    @Test
    void unsupportedAbiVersionIsRefusedByName() {
        assertThatThrownBy(() -> OpaPolicy.builder("future", module().abi(2, 0).build()).build())
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("'future'")
                .hasMessageContaining("ABI 2.0");
    }

    @Test
    void moduleWithoutAnAbiExportIsNotAnOpaModule() {
        assertThatThrownBy(() -> OpaPolicy.builder("partial", module().withoutExport("opa_json_dump").build()).build())
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("'partial' is not an OPA wasm module")
                .hasMessageContaining("opa_json_dump");
    }

    @Test
    void unknownBuiltinIsNamedAtLoad() {
        WasmModule wasm = module().builtins("{\"test.twice\":0,\"no.such.builtin\":1}").build();
        assertThatThrownBy(() -> OpaPolicy.builder("needs", wasm).withBuiltins(Builtins.empty().with(TWICE)).build())
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("no.such.builtin")
                .hasMessageNotContaining("test.twice");
    }

    @ParameterizedTest(name = "compiled={0}")
    @ValueSource(booleans = {false, true})
    void builtinCallsReachTheHost(boolean compiled) {
        WasmModule wasm = module().builtins("{\"test.twice\":0}")
                .eval("(call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input))").build();
        OpaPolicy.Builder builder = OpaPolicy.builder("twice", wasm).withBuiltins(Builtins.empty().with(TWICE));
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(wasm));
        }
        assertThat(evaluate(builder.build(), "{\"x\":\"é\"}")).isEqualTo("[{\"result\":[{\"x\":\"é\"},{\"x\":\"é\"}]}]");
    }

    @Test
    void failingBuiltinIsUndefinedUnlessStrict() {
        WasmModule wasm = module().builtins("{\"test.fail\":0}")
                .eval("(call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input))").build();
        Builtins registry = Builtins.empty().with(FAILING);
        assertThat(evaluate(OpaPolicy.builder("lenient", wasm).withBuiltins(registry).build(), "1")).isEqualTo("[]");
        OpaPolicy strict = OpaPolicy.builder("strict", wasm).withBuiltins(registry).withStrictBuiltinErrors(true).build();
        assertThatThrownBy(() -> evaluate(strict, "1"))
                .isInstanceOf(BuiltinException.class)
                .hasMessageContaining("test.fail: always fails");
    }

    @Test
    void abortCarriesTheModulesMessage() {
        OpaPolicy policy = OpaPolicy.builder("aborting", module()
                .eval("(call $opa_abort (i32.const 576)) (i32.const 0)").build()).build();
        OpaInstance instance = policy.newInstance();
        assertThatThrownBy(() -> instance.evaluate("allow", bytes("{}"), null))
                .isInstanceOf(PolicyAbortException.class)
                .hasMessageContaining("'aborting'")
                .hasMessageContaining("boom");
        assertThat(instance.isBroken()).isTrue();
        assertThatThrownBy(() -> instance.evaluate("allow", bytes("{}"), null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void memoryGrowthStopsAtTheLimit() {
        OpaPolicy policy = OpaPolicy.builder("hungry", module()
                .eval("(drop (call $malloc (i32.const 1000000))) (local.get $input)").build())
                .withMaxMemoryPages(8).build();
        assertThat(policy.maxMemoryPages()).isEqualTo(8);
        assertThatThrownBy(() -> evaluate(policy, "{}"))
                .isInstanceOf(OutOfMemoryException.class)
                .hasMessageContaining("'hungry'")
                .hasMessageContaining("8 pages");
        // Within the limit the same allocation succeeds.
        OpaPolicy roomy = OpaPolicy.builder("roomy", module()
                .eval("(drop (call $malloc (i32.const 1000000))) (local.get $input)").build())
                .withMaxMemoryPages(32).build();
        assertThat(evaluate(roomy, "true")).isEqualTo("[{\"result\":true}]");
    }

    @ParameterizedTest(name = "compiled={0} oneCall={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void runawayEvaluationIsStoppedByTheTimeout(boolean compiled, boolean oneCall) {
        WasmModule wasm = module().eval("(loop $spin (br $spin)) (i32.const 0)").build();
        OpaPolicy.Builder builder = OpaPolicy.builder("spinning", wasm).withOneCallEval(oneCall);
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(wasm));
        }
        OpaInstance instance = builder.build().newInstance();
        assertThatThrownBy(() -> instance.evaluate("allow", bytes("{}"), Duration.ofMillis(200)))
                .isInstanceOf(EvaluationTimeoutException.class)
                .hasMessageContaining("'spinning'")
                .hasMessageContaining("200 ms");
        assertThat(instance.isBroken()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void timeoutThatDoesNotExpireLeavesNoInterruptBehind() throws Exception {
        OpaInstance instance = OpaPolicy.builder("echo", module().build()).build().newInstance();
        for (int i = 0; i < 100; i++) {
            assertThat(instance.evaluate("allow", bytes("" + i), Duration.ofSeconds(30)))
                    .isEqualTo("[{\"result\":" + i + "}]");
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
