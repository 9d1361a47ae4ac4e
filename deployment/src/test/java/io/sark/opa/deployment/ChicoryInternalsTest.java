package io.sark.opa.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Chicory's internal compiler API is reached through {@link ChicoryAot} alone, so an upgrade breaks one class. */
class ChicoryInternalsTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final String INTERNAL = "com/dylibso/chicory/compiler/internal/";

    @Test
    void onlyTheAdapterUsesChicorysInternalCompilerApi() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".class")).filter(ChicoryInternalsTest::mentionsInternals)
                    .map(f -> CLASSES.relativize(f).toString().replace('\\', '/')))
                    .containsExactly("io/sark/opa/deployment/ChicoryAot.class");
        }
    }

    private static boolean mentionsInternals(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(INTERNAL);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
