package io.sark.opa.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The plan to build: plan JSON, or the bundle {@code opa build -t plan} writes (a .tar.gz holding
 * {@code /plan.json} and perhaps {@code /data.json}).
 */
record PlanSource(byte[] planJson, byte[] dataJson) {

    static PlanSource read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return new PlanSource(bytes, null);
        }
        byte[] plan = null;
        byte[] data = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().startsWith("/") ? e.getName().substring(1) : e.getName();
                if (name.equals("plan.json")) {
                    plan = tar.readAllBytes();
                } else if (name.equals("data.json")) {
                    data = tar.readAllBytes();
                }
            }
        }
        if (plan == null) {
            throw new IllegalArgumentException(file + ": bundle has no /plan.json (build it with opa build -t plan)");
        }
        return new PlanSource(plan, data);
    }
}
