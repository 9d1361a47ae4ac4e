package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.ir.Policy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Data parsed by the runtime library's compact {@code opa_json_parse} (issue #18 item 4): values keep no reference
 * to the JSON text, which the data image then leaves out; equal strings are one value, containers are sized
 * exactly and sorted at parse. None of that may show in results: duplicate keys keep the last value (OPA's JSON
 * decoding, v1/util/json.go), iteration is in key order, escapes and exact numbers survive the text's removal.
 */
class CompactDataTest {

    private static final String[] ROLES = {"admin", "developer", "analyst", "guest"};

    private static final String REGO = """
            package t
            all := data.d
            role := data.users[input.user].role
            n := count(data.users)
            admins := [u | some u; data.users[u].role == "admin"]
            """;

    private static OpaInstance instance(String data) {
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("t.rego", REGO, RegoVersion.V1)),
                List.of("t/all", "t/role", "t/n", "t/admins"));
        byte[] wasm = PlanCompiler.withBundledRuntime().compile("t.rego", policy);
        return OpaPolicy.builder("t", Parser.parse(wasm)).withData(data.getBytes(StandardCharsets.UTF_8))
                .withBuiltins(Builtins.defaults()).build().newInstance();
    }

    private static String eval(OpaInstance instance, String entrypoint, String input) {
        return instance.evaluate(entrypoint, input.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    @Test
    void smallDocumentKeepsEscapesNumbersDuplicatesAndOrder() {
        String data = "{\"d\":{\"z\":[1,2,3,4,5,6,7,8,9,10],\"s\":\"a\\\"b\\u00e9\\ud83d\\ude00\",\"big\":123456789012345678901234,"
                + "\"dec\":1.50,\"o\":{\"b\":1,\"a\":2,\"b\":3},\"e\":{},\"ea\":[],\"many\":{\"k9\":9,\"k8\":8,\"k7\":7,"
                + "\"k6\":6,\"k5\":5,\"k4\":4,\"k3\":3,\"k2\":2,\"k1\":1,\"k0\":0,\"k1\":10}}}";
        assertThat(eval(instance(data), "t/all", "{}")).isEqualTo("[{\"result\":{\"big\":123456789012345678901234,"
                + "\"dec\":1.50,\"e\":{},\"ea\":[],\"many\":{\"k0\":0,\"k1\":10,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,"
                + "\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9},\"o\":{\"a\":2,\"b\":3},\"s\":\"a\\\"b\u00e9\uD83D\uDE00\","
                + "\"z\":[1,2,3,4,5,6,7,8,9,10]}}]");
    }

    @Test
    void largeDocumentWithSharedStringsAnswersAsItsText() {
        StringBuilder json = new StringBuilder("{\"users\":{");
        TreeMap<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 5_000; i++) {
            String user = "user" + i;
            String role = ROLES[i % ROLES.length];
            json.append(i == 0 ? "" : ",").append('"').append(user).append("\":{\"role\":\"").append(role).append("\"}");
            expected.put(user, role);
        }
        json.append(",\"user7\":{\"role\":\"admin\"}}}"); // a repeated key: the last value wins
        expected.put("user7", "admin");
        OpaInstance instance = instance(json.toString());
        assertThat(eval(instance, "t/n", "{}")).isEqualTo("[{\"result\":" + expected.size() + "}]");
        assertThat(eval(instance, "t/role", "{\"user\":\"user7\"}")).isEqualTo("[{\"result\":\"admin\"}]");
        assertThat(eval(instance, "t/role", "{\"user\":\"user4321\"}"))
                .isEqualTo("[{\"result\":\"" + expected.get("user4321") + "\"}]");
        assertThat(eval(instance, "t/role", "{\"user\":\"nobody\"}")).isEqualTo("[]");
        StringBuilder admins = new StringBuilder();
        expected.forEach((user, role) -> {
            if (role.equals("admin")) {
                admins.append(admins.length() == 0 ? "" : ",").append('"').append(user).append('"');
            }
        });
        assertThat(eval(instance, "t/admins", "{}")).isEqualTo("[{\"result\":[" + admins + "]}]");
    }

    @Test
    void sharedImageOfRoleDataLeavesTheTextOut() {
        StringBuilder json = new StringBuilder("{\"users\":{");
        for (int i = 0; json.length() < 2 << 20; i++) {
            json.append(i == 0 ? "" : ",").append("\"user").append(i).append("\":{\"role\":\"")
                    .append(ROLES[i % ROLES.length]).append("\"}");
        }
        byte[] data = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        Policy policy = RegoCompiler.compile(List.of(RegoParser.parseModule("t.rego", REGO, RegoVersion.V1)),
                List.of("t/role"));
        WasmModule module = Parser.parse(PlanCompiler.withBundledRuntime().compile("t.rego", policy));
        OpaPolicy shared = OpaPolicy.builder("t", module).withMachineFactory(MachineFactoryCompiler.compile(module))
                .withData(data).withBuiltins(Builtins.defaults()).build(); // compiled: the interpreter takes long
        // per user, about 31 B of JSON: key string 28 B, object with its one entry inline 40 B, entry 12 B, index
        // 8 B: under 3 times the JSON; keeping the text, or blocks the parse outgrew, would add 1 time or more
        assertThat(shared.sharedDataBytes()).isLessThan(data.length * 13L / 4);
    }
}
