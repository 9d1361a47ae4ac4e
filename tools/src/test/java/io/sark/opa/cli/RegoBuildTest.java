package io.sark.opa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.bundle.BundleReader;
import io.sark.opa.bundle.PolicySource;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.OpaInstance;
import io.sark.opa.engine.OpaPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build} given Rego writes the bundle {@code opa build -t wasm} writes ({@code /.manifest} with the wasm
 * entrypoints, {@code /policy.wasm}, {@code /data.json}): our bundle reader and engine load it and decide.
 */
class RegoBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHZ = """
            package authz

            # METADATA
            # entrypoint: true
            allow if data.authz.roles[input.user] == "admin"

            allow if input.user in data.readers.names

            granted contains role if some role in data.authz.roles
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aDirectoryOfRegoAndDataBecomesAnOpaWasmBundle() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(src.resolve("authz"));
        Files.writeString(src.resolve("authz/authz.rego"), AUTHZ);
        Files.writeString(src.resolve("authz/data.json"), "{\"roles\": {\"alice\": \"admin\", \"bob\": \"user\"}}");
        Files.createDirectories(src.resolve("readers"));
        Files.writeString(src.resolve("readers/data.yaml"), "names: [carol]\n");
        Files.writeString(src.resolve(".manifest"), "{\"revision\": \"r7\", \"rego_version\": 1}");
        Path bundle = dir.resolve("bundle.tar.gz");

        assertThat(run("build", "-t", "wasm", "-e", "authz/granted", src.toString(), "--bundle", bundle.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 entrypoints: authz/allow, authz/granted");

        Map<String, byte[]> entries = MainTest.entries(bundle);
        assertThat(entries).containsOnlyKeys("/.manifest", "/policy.wasm", "/data.json");
        JsonNode manifest = JSON.readTree(entries.get("/.manifest"));
        assertThat(manifest.path("revision").asText()).isEqualTo("r7");
        assertThat(manifest.path("wasm")).hasSize(2);
        assertThat(manifest.path("wasm").get(0).path("entrypoint").asText()).isEqualTo("authz/allow");
        assertThat(manifest.path("wasm").get(1).path("entrypoint").asText()).isEqualTo("authz/granted");
        assertThat(manifest.path("wasm").get(1).path("module").asText()).isEqualTo("/policy.wasm");

        PolicySource read;
        try (InputStream in = Files.newInputStream(bundle)) {
            read = BundleReader.readArchive("bundle", bundle.toString(), in);
        }
        assertThat(read.kind()).isEqualTo(PolicySource.Kind.WASM);
        assertThat(read.entrypoints()).containsExactly("authz/allow", "authz/granted");
        assertThat(read.revision()).isEqualTo("r7");
        OpaInstance ours = OpaPolicy.builder("bundle", Parser.parse(read.module())).withData(read.data())
                .withBuiltins(Builtins.defaults()).build().newInstance();
        assertThat(decide(ours, "authz/allow", "alice")).isEqualTo("[{\"result\":true}]");
        assertThat(decide(ours, "authz/allow", "carol")).isEqualTo("[{\"result\":true}]");
        assertThat(decide(ours, "authz/allow", "bob")).isEqualTo("[]");
        assertThat(decide(ours, "authz/granted", "bob")).isEqualTo("[{\"result\":[\"admin\",\"user\"]}]");
    }

    @Test
    void regoFilesNamedDirectlyWithEntrypointsFromTheCommandLine() throws IOException {
        Path rego = Files.writeString(dir.resolve("gate.rego"), "package gate\n\nopen if input.day in {\"mon\", \"tue\"}\n");
        Path wasm = dir.resolve("gate.wasm");

        assertThat(run("build", "-e", "gate.open", rego.toString(), "-o", wasm.toString())).as(err.toString()).isZero();

        OpaInstance policy = OpaPolicy.builder("gate", Parser.parse(Files.readAllBytes(wasm)))
                .withBuiltins(Builtins.defaults()).build().newInstance();
        assertThat(policy.evaluate("gate/open", "{\"day\":\"mon\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                .isEqualTo("[{\"result\":true}]");
    }

    @Test
    void regoErrorsNameFileLineAndColumn() throws IOException {
        Path rego = Files.writeString(dir.resolve("bad.rego"), "package bad\n\nallow if {\n  role == 1\n}\n");

        assertThat(run("build", "-e", "bad/allow", rego.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.rego:4:3: rego_unsafe_var_error: var role is unsafe");

        err.reset();
        assertThat(run("build", "-e", "bad/deny", rego.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("entrypoint 'bad/deny' refers to no rule");
    }

    private static String decide(OpaInstance policy, String entrypoint, String user) {
        return policy.evaluate(entrypoint, ("{\"user\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
    }
}
