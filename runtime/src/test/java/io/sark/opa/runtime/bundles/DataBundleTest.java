package io.sark.opa.runtime.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.runtime.data.BundlePatch;
import io.sark.opa.signing.BundleSigner;
import io.sark.opa.signing.VerificationConfig;
import io.sark.opa.signing.VerificationKey;
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
                "teams/a/data.json", "[1, 2]")), NO_LIMIT, null);
        assertThat(bundle.revision()).isEqualTo("r7");
        assertThat(bundle.roots()).containsExactly("store", "teams/a");
        assertThat(bundle.data().toString())
                .isEqualTo("{\"store\":{\"x\":1,\"deep\":{\"y\":2}},\"teams\":{\"a\":[1,2]}}");
    }

    @Test
    void withoutRootsTheBundleOwnsTheWholeTree() throws Exception {
        DataBundle bundle = DataBundle.read(tar("gnu", Map.of("a/data.json", "{\"b\": 1}")), NO_LIMIT, null);
        assertThat(bundle.roots()).containsExactly("");
        assertThat(bundle.revision()).isEmpty();
    }

    @Test
    void longPathsAreReadInGnuAndPosixArchives() throws Exception {
        String dir = "d".repeat(60) + "/" + "e".repeat(60);
        for (String format : List.of("gnu", "posix")) {
            DataBundle bundle = DataBundle.read(tar(format, Map.of(dir + "/data.json", "{\"v\": 1}")), NO_LIMIT, null);
            assertThat(bundle.data().at("/" + dir + "/v").asInt()).as(format).isEqualTo(1);
        }
    }

    @Test
    void dataOutsideTheRootsIsRefused() throws Exception {
        byte[] archive = tar("gnu", Map.of(".manifest", "{\"roots\": [\"store\"]}", "other/data.json", "{}"));
        assertThatThrownBy(() -> DataBundle.read(archive, NO_LIMIT, null)).isInstanceOf(BundleException.class)
                .hasMessage("data at /other is outside the bundle's roots [store]");
    }

    @Test
    void policyFilesAndTheManifestAreKeptForThePolicyButNotForDataBundles() throws Exception {
        DataBundle policy = DataBundle.read(tar("gnu", Map.of("policy.wasm", "\0asm", "a/b.rego", "package b",
                "x/plan.json", "{}", ".manifest", "{\"revision\": \"r\"}", "data.json", "{}")), NO_LIMIT, null);
        assertThat(policy.policyFiles()).containsOnlyKeys(".manifest", "a/b.rego", "policy.wasm", "x/plan.json");
        DataBundle data = DataBundle.read(tar("gnu", Map.of(".manifest", "{}", "data.json", "{}")), NO_LIMIT, null);
        assertThat(data.policyFiles()).isEmpty();
    }

    @Test
    void corruptAndTruncatedArchivesAreRefused() throws Exception {
        assertThatThrownBy(() -> DataBundle.read("no archive".getBytes(StandardCharsets.UTF_8), NO_LIMIT, null))
                .isInstanceOf(BundleException.class).hasMessageStartingWith("not a gzip-compressed tar archive");
        byte[] archive = tar("gnu", Map.of("data.json", "{\"v\": 1}"));
        byte[] cut = Arrays.copyOf(archive, archive.length / 2);
        assertThatThrownBy(() -> DataBundle.read(cut, NO_LIMIT, null)).isInstanceOf(BundleException.class);
        assertThatThrownBy(() -> DataBundle.read(tar("gnu", Map.of("data.json", "{\"v\": ")), NO_LIMIT, null))
                .isInstanceOf(BundleException.class).hasMessage("data.json: not valid JSON");
    }

    @Test
    void anArchiveWhoseFilesHoldMoreThanTheLimitIsRefusedBeforeTheyAreRead() throws Exception {
        // 4 MB of data compresses to a few KB: the limit counts what the archive decompresses to
        byte[] archive = tar("gnu", Map.of("data.json", "{\"pad\": \"" + " ".repeat(4 << 20) + "\"}"));
        assertThat(archive.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> DataBundle.read(archive, 1 << 20, null)).isInstanceOf(BundleException.class)
                .hasMessage("its files hold more than 1048576 bytes decompressed");
        assertThat(DataBundle.read(archive, 8 << 20, null).data().get("pad").asText()).hasSize(4 << 20);
    }

    // OPA v1/bundle/verify.go, bundle.go: with verification, every file but .signatures.json is signed
    @Test
    void aSignedBundleIsReadAndATamperedOrUnsignedOneRefused() throws Exception {
        VerificationConfig hmac = new VerificationConfig(Map.of("k1", new VerificationKey("secret", "HS256")), null,
                null, List.of());
        Map<String, String> files = Map.of(".manifest", "{\"revision\": \"r1\", \"roots\": [\"store\"]}",
                "store/data.json", "{\"a\": 1}");
        String signatures = signatures(files);
        DataBundle signed = DataBundle.read(tar("gnu", with(files, ".signatures.json", signatures)), NO_LIMIT, hmac);
        assertThat(signed.data().at("/store/a").asInt()).isEqualTo(1);

        Map<String, String> tampered = with(with(files, ".signatures.json", signatures), "store/data.json",
                "{\"a\": 2}");
        assertThatThrownBy(() -> DataBundle.read(tar("gnu", tampered), NO_LIMIT, hmac))
                .isInstanceOf(BundleException.class).hasMessage("store/data.json: hash mismatch");
        Map<String, String> extra = with(with(files, ".signatures.json", signatures), "other/data.json", "{}");
        assertThatThrownBy(() -> DataBundle.read(tar("gnu", extra), NO_LIMIT, hmac))
                .hasMessage("file other/data.json is not listed in the signature");
        assertThatThrownBy(() -> DataBundle.read(tar("gnu", files), NO_LIMIT, hmac))
                .hasMessage("bundle is not signed: it has no .signatures.json");
    }

    // OPA v1/bundle/bundle.go: patch.json makes a delta bundle, which holds no data files
    @Test
    void aDeltaBundleCarriesItsPatchAndNothingElse() throws Exception {
        String manifest = "{\"revision\": \"d1\", \"roots\": [\"store\"]}";
        DataBundle delta = DataBundle.read(tar("gnu", Map.of(".manifest", manifest, "patch.json",
                "{\"data\": [{\"op\": \"upsert\", \"path\": \"/store/a\", \"value\": 2},"
                        + " {\"op\": \"remove\", \"path\": \"/store/b\"}]}")), NO_LIMIT, null);
        assertThat(delta.delta()).isTrue();
        assertThat(delta.revision()).isEqualTo("d1");
        assertThat(delta.patch()).extracting(BundlePatch::op).containsExactly(BundlePatch.Op.UPSERT,
                BundlePatch.Op.REMOVE);
        assertThat(delta.patch().get(0).value().asInt()).isEqualTo(2);

        assertThatThrownBy(() -> DataBundle.read(tar("gnu", Map.of(".manifest", manifest, "patch.json",
                "{\"data\": [{\"op\": \"upsert\", \"path\": \"/store/a\", \"value\": 2}]}",
                "store/data.json", "{\"a\": 1}")), NO_LIMIT, null))
                .hasMessage("delta bundle expected to contain only patch file but data files found");
        assertThatThrownBy(() -> DataBundle.read(tar("gnu", Map.of(".manifest", manifest, "patch.json",
                "{\"data\": [{\"op\": \"add\", \"path\": \"/store/a\", \"value\": 2}]}")), NO_LIMIT, null))
                .hasMessage("patch.json: bad patch operation: add");
    }

    private static String signatures(Map<String, String> files) {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return new String(BundleSigner.sign(bytes, "secret", "HS256", "k1", null), StandardCharsets.UTF_8);
    }

    private static Map<String, String> with(Map<String, String> files, String path, String text) {
        Map<String, String> more = new java.util.HashMap<>(files);
        more.put(path, text);
        return more;
    }

    private static byte[] tar(String format, Map<String, String> files) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bundle");
        Path archive = Files.createTempFile("bundle", ".tar.gz");
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Process tar = new ProcessBuilder("tar", "--format=" + format, "-czf", archive.toString(), "-C",
                    dir.toString(), ".").inheritIO().start();
            assertThat(tar.waitFor()).isZero();
            return Files.readAllBytes(archive);
        } finally {
            // test runs leave nothing in the system's temp folder
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            Files.deleteIfExists(archive);
        }
    }
}
