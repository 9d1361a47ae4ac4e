package io.sark.opa.regoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaPolicy;
import io.sark.opa.plan.PlanCompiler;
import io.sark.opa.rego.RegoParser;
import io.sark.opa.rego.RegoVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo policy compiled from Rego decides like OPA's own demo-policy.wasm on generated inputs and data. */
class DemoPolicyDifferentialTest {
    static final String DEMO = "package opa.wasm.test\n\ndefault allowed := false\n\n"
            + "allowed if {\n  user := input.user\n  data.role[user] == \"admin\"\n}\n";
    static final String ENTRY = "opa/wasm/test/allowed";

    @Test
    void sameDecisionsAsOpa() throws Exception {
        byte[] ours = PlanCompiler.withBundledRuntime().compile("demo.rego",
                RegoCompiler.compile(List.of(RegoParser.parseModule("demo.rego", DEMO, RegoVersion.V1)), List.of(ENTRY)));
        byte[] theirs;
        try (InputStream in = getClass().getResourceAsStream("/demo-policy.wasm")) {
            theirs = in.readAllBytes();
        }
        Random random = new Random(42);
        String[] users = {"alice", "bob", "carol", "", "admin"};
        String[] values = {"\"admin\"", "\"user\"", "\"Admin\"", "1", "null", "true", "{\"admin\":1}", "[\"admin\"]"};
        int allowedSeen = 0;
        for (int round = 0; round < 50; round++) {
            StringBuilder data = new StringBuilder("{\"role\":{");
            for (int i = 0; i < users.length; i++) {
                if (i > 0) data.append(',');
                data.append('"').append(users[i]).append("\":").append(values[random.nextInt(values.length)]);
            }
            data.append("}}");
            String dataJson = random.nextInt(10) == 0 ? "{}" : data.toString();
            var a = OpaPolicy.builder("ours", Parser.parse(ours)).withData(dataJson.getBytes(StandardCharsets.UTF_8))
                    .withBuiltins(Builtins.defaults()).build().newInstance();
            var b = OpaPolicy.builder("opa", Parser.parse(theirs)).withData(dataJson.getBytes(StandardCharsets.UTF_8))
                    .withBuiltins(Builtins.defaults()).build().newInstance();
            for (int k = 0; k < 25; k++) {
                String input = switch (random.nextInt(6)) {
                    case 0 -> "{}";
                    case 1 -> "{\"user\":" + random.nextInt(3) + "}";
                    case 2 -> "{\"user\":{\"name\":\"alice\"}}";
                    case 3 -> "{\"user\":null,\"x\":[1,2]}";
                    default -> "{\"user\":\"" + users[random.nextInt(users.length)] + "\"}";
                };
                byte[] in = input.getBytes(StandardCharsets.UTF_8);
                String want = b.evaluate(ENTRY, in, Duration.ofSeconds(5));
                String got = a.evaluate(ENTRY, in, Duration.ofSeconds(5));
                assertThat(got).as("input %s data %s", input, dataJson).isEqualTo(want);
                if (want.contains("true")) allowedSeen++;
            }
        }
        // the generator must reach both decisions, or the comparison proves little
        assertThat(allowedSeen).isGreaterThan(50);
    }
}
