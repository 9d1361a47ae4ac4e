package io.sark.opa.remote.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sample gateway serving HTTPS with a self-signed certificate made by the JDK's keytool for this run; the
 * app's remote engine reaches it through https with that certificate (PEM) as its trust store.
 */
public class TlsGatewayResource implements QuarkusTestResourceLifecycleManager {

    private static final String PASSWORD = "changeit";

    private SampleGatewayProcess gateway;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "tls"));
            Path keyStore = dir.resolve("gateway.p12");
            Path certificate = dir.resolve("gateway.pem");
            Files.deleteIfExists(keyStore);
            keytool("-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", keyStore.toString(),
                    "-storepass", PASSWORD, "-file", certificate.toString());
            int httpsPort = FreePort.find();
            gateway = SampleGatewayProcess.start(List.of(
                    "-Dquarkus.http.ssl-port=" + httpsPort,
                    "-Dquarkus.http.ssl.certificate.key-store-file=" + keyStore.toAbsolutePath(),
                    "-Dquarkus.http.ssl.certificate.key-store-password=" + PASSWORD));
            return Map.of(
                    "quarkus.sark-opa.remote.url", "https://127.0.0.1:" + httpsPort,
                    "quarkus.sark-opa.remote.trust-store", certificate.toAbsolutePath().toString(),
                    // the first TLS handshake of a fresh JVM on a busy build machine takes a while
                    "quarkus.sark-opa.remote.read-timeout", "15s");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the HTTPS sample gateway could not be started: " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
