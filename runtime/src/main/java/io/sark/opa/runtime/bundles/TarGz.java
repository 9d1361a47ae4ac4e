package io.sark.opa.runtime.bundles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The regular files of a gzip-compressed tar archive (ustar, with PAX and GNU long names, as OPA's bundles are
 * written), by path without a leading {@code /} or {@code ./}. Enough for a bundle; links and devices are skipped.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {}

    /**
     * @param maxBytes most bytes the archive's files may hold together, decompressed
     * @throws BundleException when the bytes are not such an archive, it is cut short, or its files hold more
     */
    static Map<String, byte[]> files(byte[] archive, long maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            return read(in, maxBytes);
        } catch (IOException e) {
            throw new BundleException("not a gzip-compressed tar archive: " + e.getMessage());
        }
    }

    private static Map<String, byte[]> read(InputStream in, long maxBytes) throws IOException {
        long total = 0;
        Map<String, byte[]> files = new LinkedHashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                throw new BundleException("the tar archive is cut short");
            }
            if (isZero(header)) {
                return files; // end of archive
            }
            checkSum(header);
            long size = octal(header, 124, 12);
            if (size > Integer.MAX_VALUE - BLOCK) {
                throw new BundleException("a file in the archive is too large");
            }
            total += size;
            if (total > maxBytes) { // checked before reading: a small archive may decompress to gigabytes
                throw new BundleException("its files hold more than " + maxBytes + " bytes decompressed");
            }
            byte[] body = in.readNBytes((int) size);
            if (body.length < size) {
                throw new BundleException("the tar archive is cut short");
            }
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            char type = (char) header[156];
            switch (type) {
                case 'L' -> longName = text(body, 0, body.length);
                case 'x' -> longName = paxPath(body, longName);
                case '0', '\0' -> {
                    String name = longName != null ? longName : name(header);
                    files.put(normalize(name), body);
                    longName = null;
                }
                default -> longName = null; // directories, links, global PAX headers: nothing to read
            }
        }
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 5).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] body, String otherwise) {
        // records "<length> <key>=<value>\n"
        String records = new String(body, StandardCharsets.UTF_8);
        int at = 0;
        String path = otherwise;
        while (at < records.length()) {
            int space = records.indexOf(' ', at);
            if (space < 0) {
                break;
            }
            int length = Integer.parseInt(records.substring(at, space).trim());
            String record = records.substring(space + 1, at + length - 1);
            if (record.startsWith("path=")) {
                path = record.substring(5);
            }
            at += length;
        }
        return path;
    }

    private static String normalize(String name) {
        String path = name;
        while (path.startsWith("./") || path.startsWith("/")) {
            path = path.substring(path.startsWith("./") ? 2 : 1);
        }
        return path;
    }

    private static void checkSum(byte[] header) {
        long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != expected) {
            throw new BundleException("the tar archive is corrupt (bad header checksum)");
        }
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = text(header, offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new BundleException("the tar archive is corrupt (bad number in a header)");
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
