package io.sark.opa.bundle;

import io.sark.opa.signing.BundleSigner;
import io.sark.opa.signing.VerificationConfig;
import io.sark.opa.signing.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With verification on, every policy in a policy folder must be a bundle whose signature verifies. */
class SignedPolicyFolderTest {
    private static final String REGO = "package authz\n\nallow if input.user == \"alice\"\n";
    private static final VerificationConfig CONFIG = new VerificationConfig(
            Map.of("k1", new VerificationKey("s3cret", "HS256")), "k1", "", List.of());

    @TempDir
    Path folder;

    @Test
    void looseRegoVerifiesAgainstTheFolderSignature() throws Exception {
        Files.writeString(folder.resolve("authz.rego"), REGO);
        Files.write(folder.resolve(".signatures.json"), BundleSigner.sign(
                Map.of("authz.rego", REGO.getBytes(StandardCharsets.UTF_8)), "s3cret", "HS256", "k1", null));
        assertThat(PolicyFolder.discover(folder, CONFIG)).hasSize(1);

        Files.writeString(folder.resolve("authz.rego"), REGO.replace("alice", "mallory"));
        assertThatThrownBy(() -> PolicyFolder.discover(folder, CONFIG))
                .hasMessage(folder.getFileName() + ": authz.rego: hash mismatch");
    }

    @Test
    void bareModulesAreRefused() throws Exception {
        Files.write(folder.resolve("x.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        assertThatThrownBy(() -> PolicyFolder.discover(folder, CONFIG))
                .hasMessage(folder.getFileName() + "/x.wasm: a bare module cannot be signed; put it in a signed bundle");
    }
}
