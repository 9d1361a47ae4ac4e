package io.sark.opa.runtime.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * One upload as OPA's encoder writes it (v1/plugins/logs/encoder.go): a JSON array of events, gzip-compressed,
 * no larger than the upload size limit.
 *
 * @param body the compressed array, {@code null} when every event taken was too large to upload
 * @param taken events taken from the head of the buffer, {@code tooLarge} of them left out of the body
 */
record UploadBatch(byte[] body, int taken, int tooLarge) {

    // gzip header and trailer, and the array's closing bracket
    private static final int CLOSING_BYTES = 32;

    /** As many events from the head of {@code events} as fit in {@code limit} compressed bytes; removes none. */
    static UploadBatch next(Iterable<byte[]> events, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int taken = 0;
        int tooLarge = 0;
        int inBody = 0;
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(out, true); // sync flush: out.size() is the compressed size so far
            gzip.write('[');
            for (byte[] event : events) {
                // compressed, an event never grows much beyond its own length: stop while the limit is surely kept
                if (inBody > 0 && out.size() + event.length + event.length / 1000 + 16 + CLOSING_BYTES > limit) {
                    break;
                }
                taken++;
                if (inBody > 0) {
                    gzip.write(',');
                }
                gzip.write(event);
                gzip.flush();
                if (inBody == 0 && out.size() + CLOSING_BYTES > limit) {
                    // alone, this event exceeds the limit: OPA drops it; start the body afresh
                    tooLarge++;
                    out.reset();
                    gzip = new GZIPOutputStream(out, true);
                    gzip.write('[');
                    continue;
                }
                inBody++;
            }
            gzip.write(']');
            gzip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return new UploadBatch(inBody == 0 ? null : out.toByteArray(), taken, tooLarge);
    }
}
