package io.sark.opa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes an OPA bundle: {@code .manifest} naming the wasm entrypoints, {@code /policy.wasm} and {@code /data.json}. */
final class BundleWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleWriter() {}

    /** {@code revision} is the manifest's revision: the source bundle's, or empty. */
    static byte[] write(byte[] wasm, List<String> entrypoints, byte[] dataJson, String revision) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("revision", revision);
        manifest.putArray("roots").add("");
        ArrayNode modules = manifest.putArray("wasm");
        for (String entrypoint : entrypoints) {
            modules.addObject().put("entrypoint", entrypoint).put("module", "/policy.wasm");
        }
        if (dataJson != null) {
            JSON.readTree(dataJson); // reject data that is not JSON before writing the bundle
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            entry(tar, ".manifest", JSON.writeValueAsBytes(manifest));
            entry(tar, "policy.wasm", wasm);
            entry(tar, "data.json", dataJson == null ? "{}".getBytes(StandardCharsets.UTF_8) : dataJson);
        }
        return bytes.toByteArray();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        // OPA writes bundle paths absolute ("/data.json"); its reader accepts both
        TarArchiveEntry e = new TarArchiveEntry("/" + name, true);
        e.setSize(content.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
