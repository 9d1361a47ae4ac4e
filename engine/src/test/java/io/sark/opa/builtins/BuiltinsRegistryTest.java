package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import org.junit.jupiter.api.Test;

class BuiltinsRegistryTest {

    private final Builtin upper = Builtin.of("custom.upper", 1, (ctx, a) -> TextNode.valueOf(a[0].textValue().toUpperCase()));

    @Test
    void emptyRegistryFindsNothing() {
        assertThat(Builtins.empty().names()).isEmpty();
        assertThat(Builtins.empty().find("sprintf")).isEmpty();
    }

    @Test
    void withReturnsANewRegistryAndLeavesTheOldOneAlone() {
        Builtins empty = Builtins.empty();
        Builtins one = empty.with(upper);
        assertThat(empty.names()).isEmpty();
        assertThat(one.names()).containsExactly("custom.upper");
        assertThat(one.find("custom.upper")).containsSame(upper);
        assertThatThrownBy(() -> one.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withReplacesABuiltinOfTheSameName() {
        Builtin other = Builtin.of("custom.upper", 1, (ctx, a) -> TextNode.valueOf("replaced"));
        Builtins registry = Builtins.empty().with(upper).with(other);
        assertThat(registry.names()).hasSize(1);
        assertThat(registry.find("custom.upper").orElseThrow().call(TestContext.fresh(), TextNode.valueOf("a")))
                .isEqualTo(TextNode.valueOf("replaced"));
    }

    @Test
    void builtinFromLambdaChecksItsArgumentCount() {
        assertThat(upper.call(TestContext.fresh(), TextNode.valueOf("abc"))).isEqualTo(TextNode.valueOf("ABC"));
        assertThat(upper.arity()).isEqualTo(1);
        assertThatThrownBy(() -> upper.call(TestContext.fresh()))
                .isInstanceOf(BuiltinException.class)
                .hasMessageContaining("custom.upper: expected 1 arguments, got 0");
    }

    @Test
    void defaultsHoldTheHostCatalogue() {
        Builtins defaults = Builtins.defaults();
        assertThat(defaults.names()).contains("time.now_ns", "base64.encode", "hex.decode");
        assertThat(defaults.find("time.now_ns").orElseThrow().call(TestContext.at(42L)).longValue()).isEqualTo(42L);
    }
}
