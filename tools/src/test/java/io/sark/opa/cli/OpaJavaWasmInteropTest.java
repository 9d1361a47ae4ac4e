package io.sark.opa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.styra.opa.wasm.OpaPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle our CLI builds from Rego runs in another OPA SDK, opa-java-wasm, which provides only the imports
 * OPA's compiler emits and the builtins OPA's SDKs implement on the host (here sprintf).
 */
class OpaJavaWasmInteropTest {
    private static final String AUTHZ = """
            package authz

            default allow := false

            allow if data.authz.roles[input.user] == "admin"

            allow if {
                some grant in data.authz.grants[input.user]
                grant == input.action
            }

            reason := sprintf("%s may %s: %v", [input.user, input.action, allow])
            """;

    @TempDir
    Path dir;

    @Test
    void aBundleBuiltFromRegoEvaluatesInOpaJavaWasm() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/authz"));
        Files.writeString(src.resolve("authz.rego"), AUTHZ);
        Files.writeString(src.resolve("data.json"), """
                {"roles": {"alice": "admin"}, "grants": {"bob": ["read"]}}""");
        Path bundle = dir.resolve("bundle.tar.gz");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"build", "-t", "wasm", "-e", "authz/allow", "-e", "authz/reason",
                dir.resolve("src").toString(), "--bundle", bundle.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Map<String, byte[]> entries = MainTest.entries(bundle);
        OpaPolicy policy = OpaPolicy.builder().withPolicy(entries.get("/policy.wasm")).build();
        policy.data(new String(entries.get("/data.json"), StandardCharsets.UTF_8));

        assertThat(policy.entrypoints()).containsOnlyKeys("authz/allow", "authz/reason");
        policy.entrypoint("authz/allow");
        assertThat(policy.evaluate("{\"user\": \"alice\", \"action\": \"write\"}")).isEqualTo("[{\"result\":true}]");
        assertThat(policy.evaluate("{\"user\": \"bob\", \"action\": \"read\"}")).isEqualTo("[{\"result\":true}]");
        assertThat(policy.evaluate("{\"user\": \"bob\", \"action\": \"write\"}")).isEqualTo("[{\"result\":false}]");
        policy.entrypoint("authz/reason");
        assertThat(policy.evaluate("{\"user\": \"bob\", \"action\": \"write\"}"))
                .isEqualTo("[{\"result\":\"bob may write: false\"}]");
    }
}
