package io.sark.opa.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifest scripts/fetch-corpora.sh fetches from ({@code scripts/corpora.sha256}) against the corpora beside
 * the project: a clone without {@code ../shared} gets exactly the files the tests read here.
 */
class CorpusManifestTest {
    private static final Path MANIFEST = Path.of("../scripts/corpora.sha256");

    @Test
    void everyListedFileIsPresentWithItsHash() throws IOException {
        Path shared = shared();
        Map<String, String> listed = listedHashes();
        assertThat(listed).hasSizeGreaterThan(1000);
        listed.forEach((path, hash) -> {
            Path file = shared.resolve(path);
            assertThat(file).as("listed in %s", MANIFEST).isRegularFile();
            assertThat(sha256(file)).as("SHA-256 of %s", file).isEqualTo(hash);
        });
    }

    @Test
    void everyCorpusFileTheTestsReadIsListed() throws IOException {
        Path shared = shared();
        Map<String, String> listed = listedHashes();
        for (String corpus : List.of("opa-conformance", "opa-v1", "gatekeeper-library")) {
            try (Stream<Path> files = Files.walk(shared.resolve(corpus))) {
                List<String> unlisted = files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".rego"))
                        .map(f -> shared.relativize(f).toString()).filter(p -> !listed.containsKey(p)).sorted().toList();
                assertThat(unlisted).as("files of %s missing from %s", corpus, MANIFEST).isEmpty();
            }
        }
    }

    @Test
    void everyCorpusNamesItsRepositoryAndCommit() throws IOException {
        List<String[]> corpora = Files.readAllLines(MANIFEST).stream().filter(l -> l.startsWith("corpus "))
                .map(l -> l.split(" ")).toList();
        assertThat(corpora).extracting(c -> c[1]).containsExactly("opa-conformance", "opa-v1", "gatekeeper-library");
        corpora.forEach(c -> {
            assertThat(c).as(String.join(" ", c)).hasSize(6);
            assertThat(c[2]).as("repository").matches("[\\w.-]+/[\\w.-]+");
            assertThat(c[3]).as("commit").matches("[0-9a-f]{7,40}");
        });
    }

    private static Path shared() {
        String dir = System.getProperty("opa.shared.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "opa.shared.dir not available");
        return Path.of(dir);
    }

    private static Map<String, String> listedHashes() throws IOException {
        return Files.readAllLines(MANIFEST).stream().filter(l -> l.matches("[0-9a-f]{64}  .+"))
                .collect(Collectors.toMap(l -> l.substring(66), l -> l.substring(0, 64), (a, b) -> a, TreeMap::new));
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
