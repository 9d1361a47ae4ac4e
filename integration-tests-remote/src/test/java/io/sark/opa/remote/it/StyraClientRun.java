package io.sark.opa.remote.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/node/decision-api.mjs, which asks a decision API through OPA's TypeScript client
 * {@code @styra/opa}, installed with {@code npm ci} from the committed lock file. Fails the test when node or
 * npm is missing or the install fails: this end-to-end check must never be skipped silently.
 */
final class StyraClientRun {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "decision-api.mjs");

    private StyraClientRun() {}

    static String against(String url, String token) throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("node.project.dir", "src/test/node"));
        Path work = Path.of(System.getProperty("node.work.dir", "target/node-e2e"));
        Files.createDirectories(work);
        for (String file : FILES) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        run(work, "npm", "ci", "--no-audit", "--no-fund");
        return run(work, "node", "decision-api.mjs", url, token);
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("'" + command[0] + "' cannot run (is Node.js with npm installed?): " + e.getMessage(), e);
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> process.inputReader(StandardCharsets.UTF_8).lines().forEach(output::add));
        reader.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        String text;
        synchronized (output) {
            text = String.join("\n", output);
        }
        assertThat(finished).as("%s did not finish in 5 minutes:%n%s", String.join(" ", command), text).isTrue();
        assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), text).isZero();
        return text;
    }
}
