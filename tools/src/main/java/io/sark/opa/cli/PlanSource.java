package io.sark.opa.cli;

import io.sark.opa.bundle.BundleReader;
import io.sark.opa.signing.VerificationConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The plan to build: plan JSON, or the bundle {@code opa build -t plan} writes (a .tar.gz holding
 * {@code /plan.json} and perhaps {@code /data.json}).
 */
record PlanSource(byte[] planJson, byte[] dataJson) {

    /** {@code verification} (may be null) checks a bundle's {@code .signatures.json} first. */
    static PlanSource read(Path file, VerificationConfig verification) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return new PlanSource(bytes, null);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(BundleReader.normalize(e.getName()), tar.readAllBytes());
                }
            }
        }
        RegoInputs.verify(file.toString(), files, verification);
        byte[] plan = files.get("/plan.json");
        byte[] data = files.get("/data.json");
        if (plan == null) {
            throw new IllegalArgumentException(file + ": bundle has no /plan.json (build it with opa build -t plan)");
        }
        return new PlanSource(plan, data);
    }
}
