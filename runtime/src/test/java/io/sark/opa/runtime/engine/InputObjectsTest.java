package io.sark.opa.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.engine.InputPaths;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Java-object input is written with only the parts an entrypoint reads, as the engine cuts JSON text. */
class InputObjectsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final InputEncoder ENCODER = new InputEncoder(MAPPER);

    private static InputPaths.Node reads(String tree) throws IOException {
        return InputPaths.parse(("{\"e\":" + tree + "}").getBytes(StandardCharsets.UTF_8)).of("e");
    }

    private static String encode(Object input, String tree) throws IOException {
        return new String(ENCODER.encode(input, reads(tree)), StandardCharsets.UTF_8);
    }

    @Test
    void mapsVertxAndJacksonObjectsKeepOnlyTheKeysRead() throws IOException {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("role", "admin");
        user.put("name", "a");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("user", user);
        input.put("body", List.of(1, 2, 3));
        input.put("missing", null);
        String tree = "{\"user\":{\"role\":true},\"body\":{},\"absent\":true,\"missing\":true}";
        assertThat(MAPPER.readTree(encode(input, tree)))
                .isEqualTo(MAPPER.readTree("{\"user\":{\"role\":\"admin\"},\"body\":[],\"missing\":null}"));
        assertThat(new JsonObject(encode(new JsonObject(input), tree)))
                .isEqualTo(new JsonObject("{\"user\":{\"role\":\"admin\"},\"body\":[],\"missing\":null}"));
        assertThat(MAPPER.readTree(encode(MAPPER.valueToTree(input), tree)))
                .isEqualTo(MAPPER.readTree("{\"user\":{\"role\":\"admin\"},\"body\":[],\"missing\":null}"));
    }

    @Test
    void wholeReadsTextAndOtherObjectsAreWrittenAsBefore() throws IOException {
        Map<String, Object> input = Map.of("a", 1, "b", 2);
        assertThat(MAPPER.readTree(encode(input, "true"))).isEqualTo(MAPPER.valueToTree(input));
        assertThat(encode("{\"a\":1,\"b\":2}", "{\"a\":true}")).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(encode(Map.of(1, "x"), "{\"a\":true}")).isEqualTo("{\"1\":\"x\"}");
        assertThat(encode(List.of(1), "{}")).isEqualTo("[]");
        assertThat(ENCODER.encode(null, reads("{}"))).isNull();
    }
}
