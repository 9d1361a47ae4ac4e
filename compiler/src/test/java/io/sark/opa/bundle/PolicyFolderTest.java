package io.sark.opa.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy discovery and data merging without Quarkus: what the extension and the CLI both rely on. */
class PolicyFolderTest {

    /** The module's bytes are passed through untouched here; wasm validation happens at the Quarkus build. */
    private static final byte[] MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    @TempDir
    Path policies;

    @Test
    void mergesDataFilesAtAnyDepthByDirectoryPath() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/policy.wasm", MODULE);
        files.put("/data.json", utf8("{\"top\": 1}"));
        files.put("/roles/data.yaml", utf8("alice: admin\nbob: user\n"));
        files.put("/a/b/data.json", utf8("{\"c\": true}"));
        files.put("/.manifest", utf8("{\"revision\": \"r1\", \"wasm\": [{\"entrypoint\": \"authz/allow\"}]}"));

        PolicySource source = BundleReader.read("authz", "policies/authz.tar.gz", files);

        assertThat(source.kind()).isEqualTo(PolicySource.Kind.WASM);
        assertThat(source.revision()).isEqualTo("r1");
        assertThat(source.entrypoints()).containsExactly("authz/allow");
        assertThat(new String(source.data(), StandardCharsets.UTF_8))
                .contains("\"top\":1", "\"roles\":{\"alice\":\"admin\",\"bob\":\"user\"}", "\"a\":{\"b\":{\"c\":true}}");
    }

    /** OPA reads data.yaml with sigs.k8s.io/yaml over go-yaml v2 (v1/util/json.go Unmarshal): YAML 1.1 scalars. */
    @Test
    void yamlDataFilesAreReadAsOpaReadsThem() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/policy.wasm", MODULE);
        files.put("/flags/data.yaml", utf8("audit: yes\nmode: 0600\nlabel: 'no'\nbase: &b {region: eu}\nsite: {<<: *b}\n"));

        PolicySource source = BundleReader.read("flags", "policies/flags.tar.gz", files);

        assertThat(new String(source.data(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"flags\":{\"audit\":true,\"mode\":384,\"label\":\"no\",\"base\":{\"region\":\"eu\"},\"site\":{\"region\":\"eu\"}}}");
    }

    @Test
    void twoDataFilesSettingOneValueFailNamingTheFile() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/policy.wasm", MODULE);
        files.put("/data.json", utf8("{\"roles\": {\"alice\": \"admin\"}}"));
        files.put("/roles/data.json", utf8("{\"alice\": \"user\"}"));

        assertThatThrownBy(() -> BundleReader.read("authz", "policies/authz", files))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("policies/authz")
                .hasMessageContaining("'alice'");
    }

    @Test
    void bareModuleTakesTheDataFileBesideIt() throws IOException {
        Files.write(policies.resolve("demo.wasm"), MODULE);
        Files.writeString(policies.resolve("demo.data.json"), "{\"role\": {\"alice\": \"admin\"}}");
        Files.writeString(policies.resolve("README.md"), "not a policy");

        List<PolicySource> sources = PolicyFolder.discover(policies);

        assertThat(sources).singleElement().satisfies(source -> {
            assertThat(source.name()).isEqualTo("demo");
            assertThat(source.module()).isEqualTo(MODULE);
            assertThat(new String(source.data(), StandardCharsets.UTF_8)).isEqualTo("{\"role\":{\"alice\":\"admin\"}}");
        });
    }

    @Test
    void invalidDataBesideABareModuleNamesThatFile() throws IOException {
        Files.write(policies.resolve("x.wasm"), MODULE);
        Files.writeString(policies.resolve("x.data.yaml"), "role: [unclosed");

        assertThatThrownBy(() -> PolicyFolder.discover(policies))
                .hasMessageContaining(policies.getFileName() + "/x.data.yaml")
                .hasMessageContaining("is not valid YAML");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
