package io.sark.opa.remote.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sample gateway (integration-tests/target/quarkus-app) run as a second process, on a free port,
 * with its decision API on behind a bearer token: a real OPA-compatible server for this app's remote engine.
 */
final class SampleGatewayProcess implements AutoCloseable {

    static final String TOKEN = "gateway-token";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final String url;
    private final Path log;

    private SampleGatewayProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static SampleGatewayProcess start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /**
     * With {@code serverArgs} added to the gateway's command line ({@code -Dkey=value}); the decision API and
     * {@link #url()} stay on plain HTTP, which the start-up check uses.
     */
    static SampleGatewayProcess start(List<String> serverArgs) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("sample.gateway.jar", "../integration-tests/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged sample gateway " + jar.toAbsolutePath()
                    + " is missing: build it first (mvn -B install -pl integration-tests -am -DskipTests)");
        }
        int port = FreePort.find();
        Path log = Path.of("target", "sample-gateway-" + port + ".log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.sark-opa.server.enabled=true",
                "-Dquarkus.sark-opa.server.token=" + TOKEN));
        command.addAll(serverArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        SampleGatewayProcess gateway = new SampleGatewayProcess(process, "http://127.0.0.1:" + port, log);
        try {
            gateway.awaitHealthy();
        } catch (RuntimeException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    String url() {
        return url;
    }

    /** The gateway's process, for tools that inspect a running JVM (jcmd). */
    long pid() {
        return process.pid();
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the sample gateway exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the sample gateway did not answer " + url + "/health within " + STARTUP
                + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
