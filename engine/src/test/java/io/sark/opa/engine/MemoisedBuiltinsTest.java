package io.sark.opa.engine;

import static io.sark.opa.engine.AbiModules.module;
import static io.sark.opa.engine.DemoPolicyTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.WasmModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OPA's non-deterministic builtins give one answer per evaluation: every call of {@code time.now_ns},
 * {@code uuid.rfc4122} and {@code rand.intn} within a decision sees the same value, the next decision a
 * new one. Spies around the catalogue's builtins record what each call returned.
 */
class MemoisedBuiltinsTest {

    /** Calls uuid.rfc4122(input), time.now_ns() and test.rand(input) = rand.intn(input, 1e9) twice each in one evaluation. */
    private static final WasmModule CALLS_TWICE = module()
            .builtins("{\"uuid.rfc4122\":0,\"time.now_ns\":1,\"test.rand\":2}")
            .eval("""
                    (drop (call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input)))
                    (drop (call $opa_builtin0 (i32.const 1) (i32.const 0)))
                    (drop (call $opa_builtin1 (i32.const 2) (i32.const 0) (local.get $input)))
                    (drop (call $opa_builtin0 (i32.const 1) (i32.const 0)))
                    (drop (call $opa_builtin1 (i32.const 2) (i32.const 0) (local.get $input)))
                    (call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input))""")
            .build();

    private final List<String> seen = new ArrayList<>();

    private Builtin spy(String name, int arity) {
        Builtin real = Builtins.defaults().find(name).orElseThrow();
        return Builtin.of(name, arity, (context, args) -> record(real.call(context, args)));
    }

    private JsonNode record(JsonNode result) {
        seen.add(result.toString());
        return result;
    }

    @Test
    void oneAnswerPerEvaluationANewOneForTheNext() throws Exception {
        Builtin realRand = Builtins.defaults().find("rand.intn").orElseThrow();
        Builtin rand = Builtin.of("test.rand", 1, (context, args) ->
                record(realRand.call(context, args[0], IntNode.valueOf(1_000_000_000))));
        OpaPolicy policy = OpaPolicy.builder("memo", CALLS_TWICE)
                .withBuiltins(Builtins.empty().with(spy("uuid.rfc4122", 1)).with(spy("time.now_ns", 0)).with(rand))
                .build();
        OpaInstance instance = policy.newInstance();

        instance.evaluate("allow", bytes("\"key\""), null);
        List<String> first = List.copyOf(seen);
        seen.clear();
        Thread.sleep(2); // the clock must move for the second evaluation's time.now_ns to differ
        instance.evaluate("allow", bytes("\"key\""), null);
        List<String> second = List.copyOf(seen);

        // call order: uuid, now, rand, now, rand, uuid
        for (List<String> calls : List.of(first, second)) {
            assertThat(calls).hasSize(6);
            assertThat(calls.get(5)).as("uuid.rfc4122 twice").isEqualTo(calls.get(0));
            assertThat(calls.get(3)).as("time.now_ns twice").isEqualTo(calls.get(1));
            assertThat(calls.get(4)).as("rand.intn twice").isEqualTo(calls.get(2));
        }
        assertThat(second.get(0)).as("uuid.rfc4122 of the next evaluation").isNotEqualTo(first.get(0));
        assertThat(second.get(1)).as("time.now_ns of the next evaluation").isNotEqualTo(first.get(1));
    }
}
