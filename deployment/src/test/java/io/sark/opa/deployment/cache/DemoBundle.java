package io.sark.opa.deployment.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** OPA's demo-policy.wasm as a bundle, for the cache and metrics tests (their own copy: the fixtures beside DemoBundleTest are package-private). */
public final class DemoBundle {

    public static final String DEMO_DATA = "{\"role\": {\"alice\": \"admin\", \"bob\": \"user\"}}";
    public static final String DEMO_ENTRYPOINT = "opa/wasm/test/allowed";

    private DemoBundle() {}

    public static byte[] demoWasm() {
        try (InputStream in = DemoBundle.class.getResourceAsStream("/demo-policy.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code .tar.gz} bundle of the given files (path inside the bundle to content). */
    public static byte[] bundle(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
