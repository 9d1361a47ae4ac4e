package io.sark.opa.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.SetNode;
import org.junit.jupiter.api.Test;

/** Builtins whose OPA semantics depend on telling sets from arrays receive SetNodes and keep them. */
class SetOperandsTest {

    private static JsonNode call(String name, JsonNode... args) {
        var builtin = Builtins.defaults().find(name).orElseThrow();
        assertThat(builtin.seesSets()).as(name + " sees sets").isTrue();
        return builtin.call(TestContext.fresh(), args);
    }

    private static SetNode set(Object... elements) {
        SetNode set = new SetNode(Json.NODES);
        for (Object e : elements) {
            set.add(e instanceof JsonNode node ? node : Json.text((String) e));
        }
        return set;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void jsonPatchAddressesSetElementsByValue() throws Exception {
        JsonNode doc = Json.object().set("foo", set("a", "b", "c"));
        JsonNode removed = call("json.patch", doc, json("[{\"op\":\"remove\",\"path\":\"foo/b\"}]"));
        assertThat(removed.get("foo")).isInstanceOf(SetNode.class);
        assertThat(removed.get("foo").toString()).isEqualTo("[\"a\",\"c\"]");
        assertThat(doc.get("foo")).as("the operand is not changed").hasSize(3);
        assertThat(call("json.patch", doc, json("[{\"op\":\"add\",\"path\":\"foo/d\",\"value\":\"d\"}]")).get("foo"))
                .hasSize(4);
        assertThat(call("json.patch", doc, json("[{\"op\":\"add\",\"path\":\"foo/d\",\"value\":\"e\"}]"))).isNull();
        assertThat(call("json.patch", doc, json("[{\"op\":\"remove\",\"path\":\"foo/z\"}]"))).isNull();
    }

    @Test
    void objectSubsetTreatsASetSuperAsMembership() throws Exception {
        JsonNode sup = Json.object().set("s", set(Json.number(1), Json.number(2), Json.number(3)));
        assertThat(call("object.subset", sup, Json.object().set("s", set(Json.number(3), Json.number(1)))).asBoolean())
                .isTrue();
        assertThat(call("object.subset", sup, json("{\"s\":[2,3]}")).asBoolean()).isTrue();
        assertThat(call("object.subset", sup, json("{\"s\":[4]}")).asBoolean()).isFalse();
    }

    @Test
    void cidrContainsMatchesKeysSetElementsByThemselves() throws Exception {
        JsonNode tuple = json("[\"1.1.1.0/24\",\"bar\"]");
        JsonNode matches = call("net.cidr_contains_matches", set(tuple), Json.text("1.1.1.1"));
        assertThat(matches.toString()).isEqualTo("[[[\"1.1.1.0/24\",\"bar\"],\"1.1.1.1\"]]");
    }
}
