package io.sark.opa.builtins.crypto;

import java.util.Base64;

/** The first PEM block of a text, as Go's {@code pem.Decode} finds it: type, DER bytes and the text after it. */
public record Pem(String type, byte[] bytes, String rest) {

    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";

    /** The first block, or null when the text holds no well-formed block. */
    public static Pem decode(String text) {
        int begin = text.startsWith(BEGIN) ? 0 : text.indexOf("\n" + BEGIN);
        if (begin < 0) {
            return null;
        }
        if (text.charAt(begin) == '\n') {
            begin++;
        }
        int typeEnd = text.indexOf(DASHES, begin + BEGIN.length());
        if (typeEnd < 0) {
            return null;
        }
        String type = text.substring(begin + BEGIN.length(), typeEnd);
        int bodyStart = text.indexOf('\n', typeEnd);
        if (bodyStart < 0) {
            return null;
        }
        String endLine = "-----END " + type + DASHES;
        int end = text.indexOf(endLine, bodyStart);
        if (end < 0) {
            return null;
        }
        String body = text.substring(bodyStart + 1, end);
        if (body.contains(":")) {
            return null; // encrypted PEM headers are not supported
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
        int after = end + endLine.length();
        // Go consumes the rest of the END line including its line ending.
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        if (after < text.length() && text.charAt(after) == '\r') {
            after++;
        }
        if (after < text.length() && text.charAt(after) == '\n') {
            after++;
        }
        return new Pem(type, bytes, text.substring(after));
    }
}
