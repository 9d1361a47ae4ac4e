package io.sark.opa.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sark.opa.cli.Main;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The tool-access module as this project builds it ({@code sark-opa build -t wasm}), evaluated in OPA's own
 * JavaScript SDK, {@code @open-policy-agent/opa-wasm} (installed with {@code npm ci} from the committed lock file),
 * over the named cases of {@link ToolAccessPolicyTest}. The SDK writes each input at the heap pointer and moves the
 * pointer just past it, so inputs of lengths that are not a multiple of 8 leave it unaligned: the module must take
 * that as OPA's own runtime does. Fails, never skips, when Node.js or npm is missing.
 */
class OpaJsSdkToolAccessTest {
    private static final Path NODE_PROJECT = Path.of("src/test/node-sdk");
    private static final Path WORK = Path.of("target/node-sdk");

    @Test
    void everyNamedCaseDecidesAlikeInOpasJavaScriptSdk() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "tool-access.mjs")) {
            Files.copy(NODE_PROJECT.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        buildBundle(WORK.resolve("bundle.tar.gz"));
        unpack(WORK.resolve("bundle.tar.gz"), WORK);

        JsonArray cases = new JsonArray();
        ToolAccessPolicyTest.cases().map(Arguments::get).forEach(a -> cases.add(new JsonObject().put("name", a[0])
                .put("input", a[1]).put("allow", a[2]).put("reasons", new JsonArray((List<?>) a[3]))));
        assertThat(cases.stream().map(c -> ((JsonObject) c).getJsonObject("input").encode().length() % 8))
                .as("inputs whose length leaves the SDK's heap pointer unaligned").anyMatch(rest -> rest != 0);
        Files.writeString(WORK.resolve("cases.json"), cases.encode());

        run("npm", "ci", "--no-audit", "--no-fund");
        String output = run("node", "tool-access.mjs", "policy.wasm", "data.json", "cases.json");
        assertThat(output.strip()).endsWith(cases.size() + " passed, 0 failed");
    }

    private static void buildBundle(Path bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"build", "-t", "wasm", "-e", "gateway/access/decision", "../policies/tool-access",
                "--bundle", bundle.toString()}, new PrintStream(out), new PrintStream(out));
        assertThat(status).as("sark-opa build: %s", out).isZero();
    }

    /** policy.wasm and data.json of the bundle, into {@code dir}. */
    private static void unpack(Path bundle, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(bundle);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = Path.of(e.getName()).getFileName().toString();
                if (name.equals("policy.wasm") || name.equals("data.json")) {
                    Files.copy(tar, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("'" + command[0] + "' cannot run (is Node.js with npm installed?): " + e.getMessage(), e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as("%s did not finish:%n%s", String.join(" ", command), text).isTrue();
        assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), text).isZero();
        return text;
    }
}
