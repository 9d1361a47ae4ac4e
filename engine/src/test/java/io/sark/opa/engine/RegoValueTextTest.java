package io.sark.opa.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OPA's value text as builtins that see sets exchange it with the module. */
class RegoValueTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void setsBecomeSetNodesAnywhere() {
        JsonNode value = RegoValueText.read(JSON, "{\"foo\":{\"a\",\"b\"},\"bar\":[set(),{[1]}],\"n\":{1:2}}");
        assertThat(value.get("foo")).isInstanceOf(SetNode.class);
        assertThat(value.get("foo").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(value.get("bar").get(0)).isInstanceOf(SetNode.class).isEmpty();
        assertThat(value.get("bar").get(1)).isInstanceOf(SetNode.class);
        assertThat(value.get("bar").get(1).get(0)).isNotInstanceOf(SetNode.class);
        assertThat(value.get("n").get("1").intValue()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":{\"x\",\"y\\\"}\"},\"b\":[1,2.5,null,true]}", "set()", "{set(),{1}}", "{}", "[]", "\"s\"",
        "{\"a\":1,2:[{true:null}],[1]:{\"x\"}}"})
    void writingWhatWasReadGivesTheSameText(String text) {
        assertThat(RegoValueText.write(RegoValueText.read(JSON, text))).isEqualTo(text);
    }

    @Test
    void nonStringKeysAreKeptAsTheValuesTheyAre() {
        JsonNode value = RegoValueText.read(JSON, "{\"a\":1,2:\"two\",[1]:3}");
        assertThat(value).isInstanceOf(KeyedObjectNode.class);
        ObjectNode object = (ObjectNode) value;
        assertThat(KeyedObjectNode.keyOf(object, "a").isTextual()).isTrue();
        assertThat(KeyedObjectNode.keyOf(object, "2").isNumber()).isTrue();
        assertThat(KeyedObjectNode.keyOf(object, "[1]").isArray()).isTrue();
        assertThat(value.get("2").textValue()).isEqualTo("two");
        assertThat(RegoValueText.read(JSON, "{\"a\":1}")).isNotInstanceOf(KeyedObjectNode.class);
        assertThat(RegoValueText.needed(value)).isTrue();
        assertThat(RegoValueText.needed(RegoValueText.read(JSON, "[{\"1\":2}]"))).isFalse();
        assertThat(RegoValueText.write(value.deepCopy())).isEqualTo("{\"a\":1,2:\"two\",[1]:3}");
    }

    @Test
    void deepCopyKeepsSets() {
        JsonNode copy = RegoValueText.read(JSON, "{\"s\":{{1}}}").deepCopy();
        assertThat(copy.get("s")).isInstanceOf(SetNode.class);
        assertThat(copy.get("s").get(0)).isInstanceOf(SetNode.class);
        assertThat(SetNode.within(copy)).isTrue();
        assertThat(SetNode.within(RegoValueText.read(JSON, "{\"s\":[[1]]}"))).isFalse();
    }

    @Test
    void malformedTextIsRefusedNamingThePlace() {
        assertThatThrownBy(() -> RegoValueText.read(JSON, "{1,2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{1,2");
        assertThatThrownBy(() -> RegoValueText.read(JSON, "[1] x")).hasMessageContaining("trailing text");
    }
}
