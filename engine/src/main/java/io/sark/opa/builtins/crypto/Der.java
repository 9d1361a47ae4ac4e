package io.sark.opa.builtins.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Just enough DER reading to take apart a PKCS#10 certificate request: tag, length, contents. */
record Der(int tag, byte[] encoded, int contentStart) {

    static final class StructureError extends Exception {
        StructureError(String message) {
            super("asn1: structure error: " + message);
        }
    }

    static Der read(byte[] data, int offset) throws StructureError {
        if (offset + 2 > data.length) {
            throw new StructureError("truncated element");
        }
        int tag = data[offset] & 0xff;
        int length = data[offset + 1] & 0xff;
        int header = 2;
        if (length >= 0x80) {
            int bytes = length & 0x7f;
            if (bytes == 0 || bytes > 3 || offset + 2 + bytes > data.length) {
                throw new StructureError("bad length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (data[offset + 2 + i] & 0xff);
            }
            header += bytes;
        }
        if (offset + header + length > data.length) {
            throw new StructureError("data truncated");
        }
        return new Der(tag, Arrays.copyOfRange(data, offset, offset + header + length), header);
    }

    Der expect(int expectedTag) throws StructureError {
        if (tag != expectedTag) {
            throw new StructureError("tags don't match");
        }
        return this;
    }

    List<Der> children() throws StructureError {
        List<Der> out = new ArrayList<>();
        int offset = contentStart;
        while (offset < encoded.length) {
            Der child = read(encoded, offset);
            out.add(child);
            offset += child.encoded.length;
        }
        return out;
    }

    byte[] content() {
        return Arrays.copyOfRange(encoded, contentStart, encoded.length);
    }
}
