package io.sark.opa.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OPA's simple mask form, as open-policy-agent/opa v1/plugins/logs/mask.go applies it (removeValue, erased). */
class EventMaskTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode event(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json);
    }

    @Test
    void existingMembersAndElementsAreRemovedAndListedMissingOnesAreNot() throws Exception {
        ObjectNode event = event("{\"input\": {\"user\": {\"password\": \"p\", \"name\": \"a\"}, \"keys\": [1, 2, 3]},"
                + " \"result\": {\"ok\": true}}");
        List<String> erased = new EventMask(List.of("/input/user/password", "/input/keys/1", "/input/nope/x",
                "/input/keys/9", "/result/missing")).apply(event);

        assertThat(erased).containsExactly("/input/user/password", "/input/keys/1");
        assertThat(event).isEqualTo(event("{\"input\": {\"user\": {\"name\": \"a\"}, \"keys\": [1, 3]},"
                + " \"result\": {\"ok\": true}}"));
    }

    @Test
    void aWholeMemberIsRemovedOnlyWhenPresent() throws Exception {
        ObjectNode event = event("{\"input\": {\"a\": 1}, \"path\": \"x\"}");
        assertThat(new EventMask(List.of("/input", "/result")).apply(event)).containsExactly("/input");
        assertThat(event).isEqualTo(event("{\"path\": \"x\"}"));
    }

    @Test
    void masksOutsideInputAndResultAreRefused() {
        assertThatThrownBy(() -> new EventMask(List.of("/labels/id")))
                .hasMessage("decision-log mask '/labels/id' must start with /input or /result");
        assertThatThrownBy(() -> new EventMask(List.of("input/x")))
                .hasMessage("decision-log mask 'input/x' must start with /input or /result");
    }
}
