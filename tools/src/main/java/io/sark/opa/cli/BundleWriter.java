package io.sark.opa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.signing.BundleSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an OPA bundle: {@code .manifest} naming the wasm entrypoints, {@code /policy.wasm} and {@code /data.json},
 * and {@code /.signatures.json} when signed.
 */
final class BundleWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleWriter() {}

    /** How {@code opa build --signing-key} signs: key text (PEM or HMAC secret), algorithm, key id, claims JSON. */
    record Signing(String key, String algorithm, String keyId, byte[] claims) {}

    /**
     * {@code revision} is the manifest's revision: the source bundle's, or empty; {@code signing} (may be null)
     * adds {@code .signatures.json}.
     */
    static byte[] write(byte[] wasm, List<String> entrypoints, byte[] dataJson, String revision, Signing signing)
            throws IOException {
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
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(".manifest", JSON.writeValueAsBytes(manifest));
        files.put("policy.wasm", wasm);
        files.put("data.json", dataJson == null ? "{}".getBytes(StandardCharsets.UTF_8) : dataJson);
        if (signing != null) {
            files.put(".signatures.json", BundleSigner.sign(files, signing.key(), signing.algorithm(),
                    signing.keyId(), signing.claims()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                entry(tar, file.getKey(), file.getValue());
            }
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
