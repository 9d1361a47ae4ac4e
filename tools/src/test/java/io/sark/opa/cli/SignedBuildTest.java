package io.sark.opa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sark.opa.signing.BundleSigner;
import io.sark.opa.signing.BundleVerifier;
import io.sark.opa.signing.VerificationConfig;
import io.sark.opa.signing.VerificationKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --signing-key} writes {@code /.signatures.json} as {@code opa build} does; it verifies. */
class SignedBuildTest {
    private static final String POLICY = """
            package authz

            # METADATA
            # entrypoint: true
            allow if input.user == "alice"
            """;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    @Test
    void aBundleSignedWithAnRsaKeyVerifiesWithItsPublicKey() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        Path privateKey = Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        String publicKey = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Path policy = Files.writeString(dir.resolve("authz.rego"), POLICY);
        Path bundle = dir.resolve("bundle.tar.gz");

        assertThat(run("build", policy.toString(), "--bundle", bundle.toString(), "--signing-key",
                privateKey.toString())).as(err.toString()).isZero();

        Map<String, byte[]> entries = MainTest.entries(bundle);
        assertThat(entries).containsOnlyKeys("/.manifest", "/policy.wasm", "/data.json", "/.signatures.json");
        // opa build signs under key id "default" with RS256 unless told otherwise
        VerificationConfig config = new VerificationConfig(Map.of("default", new VerificationKey(publicKey, null)),
                null, "", List.of());
        assertThatCode(() -> BundleVerifier.verify(entries, config)).doesNotThrowAnyException();
    }

    @Test
    void inputDirectoriesAreVerifiedWhenAKeyIsGiven() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("authz.rego"), POLICY);
        Files.write(src.resolve(".signatures.json"), BundleSigner.sign(Map.of("/authz.rego",
                POLICY.getBytes(StandardCharsets.UTF_8)), "s3cret", "HS256", "default", null));
        String[] build = {"build", src.toString(), "--bundle", dir.resolve("b.tar.gz").toString(),
            "--verification-key", secret.toString(), "--signing-alg", "HS256"};

        assertThat(run(build)).as(err.toString()).isZero();

        Files.writeString(src.resolve("authz.rego"), POLICY.replace("alice", "mallory"));
        assertThat(run(build)).isEqualTo(1);
        assertThat(err.toString()).contains(src + ": authz.rego: hash mismatch");
    }
}
