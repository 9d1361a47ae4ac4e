package io.sark.opa.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** OPA's demo-policy.wasm (from the opa-java-wasm test dependency) and bundles built from it. */
public final class PolicyFixtures {

    public static final String DEMO_DATA = "{\"role\": {\"alice\": \"admin\", \"bob\": \"user\"}}";
    public static final String DEMO_ENTRYPOINT = "opa/wasm/test/allowed";

    private PolicyFixtures() {}

    public static byte[] demoWasm() {
        try (InputStream in = PolicyFixtures.class.getResourceAsStream("/demo-policy.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code .tar.gz} bundle of the demo policy and {@link #DEMO_DATA} whose manifest has {@code revision}. */
    public static byte[] demoBundle(String revision) {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(".manifest", utf8("{\"revision\":\"" + revision + "\",\"wasm\":[{\"entrypoint\":\""
                + DEMO_ENTRYPOINT + "\",\"module\":\"/policy.wasm\"}]}"));
        files.put("policy.wasm", demoWasm());
        files.put("data.json", utf8(DEMO_DATA));
        return bundle(files);
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
