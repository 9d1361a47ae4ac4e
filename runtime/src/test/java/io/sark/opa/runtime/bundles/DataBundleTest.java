package io.sark.opa.runtime.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data bundles as the system's tar writes them, in OPA's bundle format (v1/bundle/bundle.go: each data.json at
 * its directory's path, .manifest's revision and roots, data outside the roots refused).
 */
class DataBundleTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Test
    void dataFilesLandAtTheirDirectoriesPaths() throws Exception {
        DataBundle bundle = DataBundle.read(tar("gnu", Map.of(
                ".manifest", "{\"revision\": \"r7\", \"roots\": [\"store\", \"teams/a\"]}",
                "data.json", "{\"store\": {\"x\": 1}}",
                "store/deep/data.json", "{\"y\": 2}",
                "teams/a/data.json", "[1, 2]")), NO_LIMIT);
        assertThat(bundle.revision()).isEqualTo("r7");
        assertThat(bundle.roots()).containsExactly("store", "teams/a");
        assertThat(bundle.data().toString())
                .isEqualTo("{\"store\":{\"x\":1,\"deep\":{\"y\":2}},\"teams\":{\"a\":[1,2]}}");
    }

    @Test
    void withoutRootsTheBundleOwnsTheWholeTree() throws Exception {
        DataBundle bundle = DataBundle.read(tar("gnu", Map.of("a/data.json", "{\"b\": 1}")), NO_LIMIT);
        assertThat(bundle.roots()).containsExactly("");
        assertThat(bundle.revision()).isEmpty();
    }

    @Test
    void longPathsAreReadInGnuAndPosixArchives() throws Exception {
        String dir = "d".repeat(60) + "/" + "e".repeat(60);
        for (String format : List.of("gnu", "posix")) {
            DataBundle bundle = DataBundle.read(tar(format, Map.of(dir + "/data.json", "{\"v\": 1}")), NO_LIMIT);
            assertThat(bundle.data().at("/" + dir + "/v").asInt()).as(format).isEqualTo(1);
        }
    }

    @Test
    void dataOutsideTheRootsIsRefused() throws Exception {
        byte[] archive = tar("gnu", Map.of(".manifest", "{\"roots\": [\"store\"]}", "other/data.json", "{}"));
        assertThatThrownBy(() -> DataBundle.read(archive, NO_LIMIT)).isInstanceOf(BundleException.class)
                .hasMessage("data at /other is outside the bundle's roots [store]");
    }

    @Test
    void policyFilesAndTheManifestAreKeptForThePolicyButNotForDataBundles() throws Exception {
        DataBundle policy = DataBundle.read(tar("gnu", Map.of("policy.wasm", "\0asm", "a/b.rego", "package b",
                "x/plan.json", "{}", ".manifest", "{\"revision\": \"r\"}", "data.json", "{}")), NO_LIMIT);
        assertThat(policy.policyFiles()).containsOnlyKeys(".manifest", "a/b.rego", "policy.wasm", "x/plan.json");
        DataBundle data = DataBundle.read(tar("gnu", Map.of(".manifest", "{}", "data.json", "{}")), NO_LIMIT);
        assertThat(data.policyFiles()).isEmpty();
    }

    @Test
    void corruptAndTruncatedArchivesAreRefused() throws Exception {
        assertThatThrownBy(() -> DataBundle.read("no archive".getBytes(StandardCharsets.UTF_8), NO_LIMIT))
                .isInstanceOf(BundleException.class).hasMessageStartingWith("not a gzip-compressed tar archive");
        byte[] archive = tar("gnu", Map.of("data.json", "{\"v\": 1}"));
        byte[] cut = Arrays.copyOf(archive, archive.length / 2);
        assertThatThrownBy(() -> DataBundle.read(cut, NO_LIMIT)).isInstanceOf(BundleException.class);
        assertThatThrownBy(() -> DataBundle.read(tar("gnu", Map.of("data.json", "{\"v\": ")), NO_LIMIT))
                .isInstanceOf(BundleException.class).hasMessage("data.json: not valid JSON");
    }

    @Test
    void anArchiveWhoseFilesHoldMoreThanTheLimitIsRefusedBeforeTheyAreRead() throws Exception {
        // 4 MB of data compresses to a few KB: the limit counts what the archive decompresses to
        byte[] archive = tar("gnu", Map.of("data.json", "{\"pad\": \"" + " ".repeat(4 << 20) + "\"}"));
        assertThat(archive.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> DataBundle.read(archive, 1 << 20)).isInstanceOf(BundleException.class)
                .hasMessage("its files hold more than 1048576 bytes decompressed");
        assertThat(DataBundle.read(archive, 8 << 20).data().get("pad").asText()).hasSize(4 << 20);
    }

    private static byte[] tar(String format, Map<String, String> files) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bundle");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Path archive = Files.createTempFile("bundle", ".tar.gz");
        Process tar = new ProcessBuilder("tar", "--format=" + format, "-czf", archive.toString(), "-C",
                dir.toString(), ".").inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return Files.readAllBytes(archive);
    }
}
