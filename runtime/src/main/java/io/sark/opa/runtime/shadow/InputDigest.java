package io.sark.opa.runtime.shadow;

import io.sark.opa.runtime.json.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the canonical input, so that log lines of one input match whatever its key order or spacing,
 * without writing the input (which may hold personal data) into the log.
 */
final class InputDigest {

    private InputDigest() {}

    static String sha256(byte[] input) {
        if (input == null) {
            return "none (no input)";
        }
        byte[] canonical = CanonicalJson.of(input);
        if (canonical == null) {
            canonical = input; // not JSON: the engines reported that; the raw bytes still identify it
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
