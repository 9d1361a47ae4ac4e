package io.sark.opa.deployment.bundles;

import io.sark.opa.signing.BundleSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx serving a folder of bundles on a free port, as a bundle server would: its static files carry an
 * ETag (mtime and size) and it answers 304 to a matching If-None-Match (ngx_http_static_module, not_modified
 * filter). QuarkusUnitTest loads a test class twice, so the server is found again by system properties.
 */
final class BundleServer {

    private final Path root;
    private final int port;

    private BundleServer(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** The server of {@code key}, started on first use. */
    static synchronized BundleServer shared(String key) {
        String root = System.getProperty(key + ".root");
        if (root != null) {
            return new BundleServer(Path.of(root), Integer.getInteger(key + ".port"));
        }
        try {
            Path dir = tempDirectory("bundle-server");
            Files.createDirectories(dir.resolve("html/bundles"));
            Files.createDirectories(dir.resolve("logs"));
            int port = freePort();
            Files.writeString(dir.resolve("nginx.conf"), """
                    user root root;
                    daemon off;
                    master_process off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log;
                    events { worker_connections 64; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/tmp;
                        proxy_temp_path %1$s/tmp;
                        fastcgi_temp_path %1$s/tmp;
                        uwsgi_temp_path %1$s/tmp;
                        scgi_temp_path %1$s/tmp;
                        server {
                            listen 127.0.0.1:%2$d;
                            root %1$s/html;
                        }
                    }
                    """.formatted(dir, port));
            Process nginx = new ProcessBuilder("nginx", "-e", "stderr", "-p", dir.toString(), "-c",
                    dir.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/out.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(nginx::destroy)); // when a test fails before stop
            waitForPort(port, nginx, dir);
            System.setProperty(key + ".root", dir.toString());
            System.setProperty(key + ".port", String.valueOf(port));
            System.setProperty(key + ".pid", String.valueOf(nginx.pid()));
            return new BundleServer(dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx (apt-get install nginx)", e);
        }
    }

    /** The server of {@code key}, started on first use, serving {@code archive} as {@code bundles/<name>}. */
    static BundleServer serving(String key, String name, java.util.concurrent.Callable<byte[]> archive) {
        BundleServer server = shared(key);
        try {
            server.serve(name, archive.call(), 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    /** Stops the server of {@code key}, if it runs. */
    static synchronized void stop(String key) throws InterruptedException {
        String pid = System.clearProperty(key + ".pid");
        String root = System.clearProperty(key + ".root");
        System.clearProperty(key + ".port");
        if (pid != null) {
            ProcessHandle handle = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
            if (handle != null) {
                handle.destroy();
                handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }
        if (root != null) {
            try (var files = Files.walk(Path.of(root))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind
            }
        }
    }

    /** A temporary persistence directory for {@code key}, the same for both loads of a test class. */
    static Path persistence(String key) {
        String dir = System.getProperty(key + ".persistence");
        if (dir == null) {
            try {
                dir = tempDirectory("bundle-persistence").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(key + ".persistence", dir);
        }
        return Path.of(dir);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Serves {@code archive} as {@code bundles/<name>}, with a modification time of its own so its ETag changes. */
    void serve(String name, byte[] archive, int version) throws IOException {
        Path file = root.resolve("html/bundles/" + name);
        Path temp = root.resolve("html/.next");
        Files.write(temp, archive);
        Files.setLastModifiedTime(temp, FileTime.fromMillis(1_700_000_000_000L + version * 10_000L));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The URL of a server that is down: a free port nothing listens on. */
    static String downUrl() {
        try {
            return "http://127.0.0.1:" + freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A persistence directory as an earlier run left it (OPA's layout: bundles/<name>/bundle.tar.gz). */
    static Path persisted(String bundle, byte[] archive) {
        try {
            Path dir = tempDirectory("bundle-persisted");
            Files.createDirectories(dir.resolve("bundles/" + bundle));
            Files.write(dir.resolve("bundles/" + bundle + "/bundle.tar.gz"), archive);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port nothing listens on (for a server that is down). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process nginx, Path dir) throws IOException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!nginx.isAlive()) {
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        nginx.destroy();
        throw new IOException("nginx did not start: " + String.join("\n", Files.readAllLines(dir.resolve("logs/out.log"),
                StandardCharsets.UTF_8)));
    }

    /** A data bundle's tar.gz, written by the system's tar: {@code .manifest} and the data at {@code store/data.json}. */
    static byte[] bundle(String revision, List<String> roots, String storeJson) throws IOException, InterruptedException {
        return archive(Map.of(".manifest", "{\"revision\": \"" + revision + "\", \"roots\": ["
                + String.join(", ", roots.stream().map(r -> "\"" + r + "\"").toList()) + "]}",
                "store/data.json", storeJson));
    }

    /** The files (path to text) and their {@code .signatures.json}, signed with an HS256 secret under key id k1. */
    static Map<String, String> signed(Map<String, String> files, String secret) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> signed = new LinkedHashMap<>(files);
        signed.put(".signatures.json", new String(BundleSigner.sign(bytes, secret, "HS256", "k1",
                null), StandardCharsets.UTF_8));
        return signed;
    }

    /** A tar.gz of the files (path to text), written by the system's tar. */
    static byte[] archive(Map<String, String> files) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bundle");
        Path archive = Files.createTempFile("bundle", ".tar.gz");
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C",
                    dir.toString(), ".").inheritIO().start();
            if (tar.waitFor() != 0) {
                throw new IOException("tar failed");
            }
            return Files.readAllBytes(archive);
        } finally {
            deleteTree(dir);
            deleteTree(archive);
        }
    }

    /** A temporary directory removed when the test JVM exits, so test runs leave nothing in the system's temp folder. */
    static Path tempDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        return dir;
    }

    /** Deletes a file, or a directory and all it holds; best effort, for temporary files only. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // already gone, or in use: the system's temp folder is cleaned eventually anyway
        }
    }
}
