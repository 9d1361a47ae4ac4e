package io.sark.opa.runtime.json;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a sequence of byte strings, as hex: policy fingerprints and remote cache keys. */
public final class Digest {

    private Digest() {}

    /** Each part is preceded by its length, so that no two sequences share a digest by concatenation. */
    public static String sha256(byte[]... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        for (byte[] part : parts) {
            byte[] bytes = part == null ? new byte[0] : part;
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
