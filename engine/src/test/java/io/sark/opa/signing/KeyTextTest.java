package io.sark.opa.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyTextTest {

    private static final KeyText.Resources NONE = name -> null;

    @Test
    void aKeyIsGivenInlineOrReadFromAFileOrAResource(@TempDir Path dir) throws Exception {
        assertThat(KeyText.of("k", Optional.of("secret"), Optional.empty(), NONE)).isEqualTo("secret");
        Path file = Files.writeString(dir.resolve("key.pem"), "from file");
        assertThat(KeyText.of("k", Optional.empty(), Optional.of(file.toString()), NONE)).isEqualTo("from file");
        assertThat(KeyText.of("k", Optional.empty(), Optional.of("keys/k.pem"),
                name -> name.equals("keys/k.pem") ? "from resource".getBytes(StandardCharsets.UTF_8) : null))
                .isEqualTo("from resource");
    }

    @Test
    void exactlyOneOfKeyAndKeyFileAndAFileThatExists() {
        assertThatThrownBy(() -> KeyText.of("quarkus.sark-opa.keys.k", Optional.empty(), Optional.empty(), NONE))
                .isInstanceOf(BundleSignatureException.class)
                .hasMessage("quarkus.sark-opa.keys.k: set one of key and key-file");
        assertThatThrownBy(() -> KeyText.of("k", Optional.of("a"), Optional.of("b"), NONE))
                .hasMessage("k: set one of key and key-file");
        assertThatThrownBy(() -> KeyText.of("k", Optional.empty(), Optional.of("nowhere.pem"), NONE))
                .hasMessage("k: key file nowhere.pem not found");
    }
}
