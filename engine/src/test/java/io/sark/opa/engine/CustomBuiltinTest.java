package io.sark.opa.engine;

import static io.sark.opa.engine.AbiModules.module;
import static io.sark.opa.engine.DemoPolicyTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.WasmModule;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An application's own builtins, registered through the public engine API next to OPA's catalogue. */
class CustomBuiltinTest {

    private static final Map<String, String> TIERS = Map.of("alice", "gold", "bob", "silver");

    /** acme.tier(user): the tier of a user, undefined for a stranger. */
    private static final Builtin TIER = Builtin.of("acme.tier", 1, (context, args) -> {
        String tier = TIERS.get(args[0].asText());
        return tier == null ? null : TextNode.valueOf(tier);
    });

    /** A module importing acme.tier and a catalogue builtin, calling acme.tier with its input. */
    private static final WasmModule CALLS_TIER = module().builtins("{\"acme.tier\":0,\"base64.encode\":1}")
            .eval("(call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input))").build();

    private static String evaluate(OpaPolicy policy, String input) {
        return policy.newInstance().evaluate("allow", bytes(input), null);
    }

    @Test
    void customBuiltinServesThePolicyBesideTheCatalogue() {
        OpaPolicy policy = OpaPolicy.builder("tiers", CALLS_TIER)
                .withBuiltins(Builtins.defaults().with(TIER))
                .build();
        assertThat(policy.importedBuiltins()).containsOnlyKeys("acme.tier", "base64.encode");
        assertThat(evaluate(policy, "\"alice\"")).isEqualTo("[{\"result\":\"gold\"}]");
        assertThat(evaluate(policy, "\"bob\"")).isEqualTo("[{\"result\":\"silver\"}]");
        assertThat(evaluate(policy, "\"mallory\"")).isEqualTo("[]");
    }

    @Test
    void withoutTheCustomBuiltinTheModuleDoesNotLoad() {
        assertThatThrownBy(() -> OpaPolicy.builder("tiers", CALLS_TIER).build())
                .isInstanceOfSatisfying(UnknownBuiltinException.class,
                        e -> assertThat(e.builtins()).containsExactly("acme.tier"))
                .hasMessageContaining("'tiers'")
                .hasMessageContaining("acme.tier");
    }

    @Test
    void customBuiltinReplacesACatalogueBuiltinOfTheSameName() {
        Builtin replacement = Builtin.of("base64.encode", 1, (context, args) -> TextNode.valueOf("replaced"));
        Builtins registry = Builtins.defaults().with(replacement);
        assertThat(registry.find("base64.encode")).containsSame(replacement);
        assertThat(registry.size()).isEqualTo(Builtins.defaults().size());
    }

    @Test
    void failureInACustomBuiltinIsUndefinedOrAStrictErrorNamingIt() {
        Builtin broken = Builtin.of("acme.tier", 1, (context, args) -> {
            throw new IllegalStateException("directory unreachable");
        });
        Builtins registry = Builtins.defaults().with(broken);
        assertThat(evaluate(OpaPolicy.builder("lenient", CALLS_TIER).withBuiltins(registry).build(), "\"alice\""))
                .isEqualTo("[]");
        OpaPolicy strict = OpaPolicy.builder("strict", CALLS_TIER).withBuiltins(registry)
                .withStrictBuiltinErrors(true).build();
        assertThatThrownBy(() -> evaluate(strict, "\"alice\""))
                .isInstanceOfSatisfying(StrictBuiltinError.class, e -> {
                    assertThat(e.code()).isEqualTo("eval_builtin_error");
                    assertThat(e.builtin()).isEqualTo("acme.tier");
                })
                .hasMessage("eval_builtin_error: acme.tier: directory unreachable");
    }

    @Test
    void strictErrorOfACatalogueBuiltinCarriesOpasCodeAndWording() {
        WasmModule encodes = module().builtins("{\"base64.encode\":0}")
                .eval("(call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input))").build();
        OpaPolicy strict = OpaPolicy.builder("strict", encodes).withStrictBuiltinErrors(true).build();
        assertThat(evaluate(strict, "\"hi\"")).isEqualTo("[{\"result\":\"aGk=\"}]");
        assertThatThrownBy(() -> evaluate(strict, "1"))
                .isInstanceOfSatisfying(StrictBuiltinError.class, e -> assertThat(e.code()).isEqualTo("eval_type_error"))
                .hasMessage("eval_type_error: base64.encode: operand 1 must be string but got number");
        OpaPolicy lenient = OpaPolicy.builder("lenient", encodes).build();
        assertThat(evaluate(lenient, "1")).isEqualTo("[]");
    }

    @Test
    void callWithTheWrongNumberOfArgumentsIsAnErrorNamingTheArity() {
        WasmModule twoArgs = module().builtins("{\"acme.tier\":0}")
                .eval("(call $opa_builtin2 (i32.const 0) (i32.const 0) (local.get $input) (local.get $input))")
                .build();
        OpaPolicy strict = OpaPolicy.builder("arity", twoArgs).withBuiltins(Builtins.empty().with(TIER))
                .withStrictBuiltinErrors(true).build();
        assertThatThrownBy(() -> evaluate(strict, "\"alice\""))
                .isInstanceOf(BuiltinException.class)
                .hasMessageContaining("acme.tier: expected 1 arguments, got 2");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
        "'', 1, is not a Rego reference",
        "acme..tier, 1, is not a Rego reference",
        "9acme.tier, 1, is not a Rego reference",
        "acme.tier(), 1, is not a Rego reference",
        "acme.tier, -1, arity -1 is outside 0 to 4",
        "acme.tier, 5, arity 5 is outside 0 to 4"})
    void signatureAPolicyCannotCallIsRefused(String name, int arity, String problem) {
        assertThatThrownBy(() -> Builtin.of(name, arity, (context, args) -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(problem);
    }
}
