package io.sark.opa.builtins.encoding;


import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** {@code base64.*}, {@code base64url.*}, {@code hex.*}: Go's encodings as OPA calls them. */
public final class EncodingBuiltins {
    private EncodingBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("base64.encode", 1, (ctx, a) -> Json.text(
                        Base64.getEncoder().encodeToString(utf8(a.string(0))))),
                Operands.builtin("base64.decode", 1, (ctx, a) -> Json.text(
                        text(decodeStd(a.builtin(), a.string(0))))),
                Operands.builtin("base64.is_valid", 1, (ctx, a) -> Json.bool(isValidStd(a.string(0)))),
                Operands.builtin("base64url.encode", 1, (ctx, a) -> Json.text(
                        Base64.getUrlEncoder().encodeToString(utf8(a.string(0))))),
                Operands.builtin("base64url.encode_no_pad", 1, (ctx, a) -> Json.text(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(a.string(0))))),
                Operands.builtin("base64url.decode", 1, (ctx, a) -> Json.text(
                        text(decodeUrl(a.builtin(), a.string(0))))),
                Operands.builtin("hex.encode", 1, (ctx, a) -> Json.text(HexFormat.of().formatHex(utf8(a.string(0))))),
                Operands.builtin("hex.decode", 1, (ctx, a) -> Json.text(text(decodeHex(a.string(0))))));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Go turns invalid UTF-8 into U+FFFD when it writes the string as JSON; so does this. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Go's StdEncoding: padding required, CR and LF ignored; errors name the offending input byte. */
    static byte[] decodeStd(String builtin, String s) {
        byte[] out = tryDecode(s, Base64.getDecoder());
        if (out == null) {
            throw new BuiltinException(builtin + ": illegal base64 data at input byte " + badOffset(s, '+', '/'));
        }
        return out;
    }

    /** Where Go's decoder stops: the first character outside the alphabet, else the last incomplete quantum. */
    static int badOffset(String s, char c62, char c63) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == c62 || c == c63
                    || c == '\r' || c == '\n';
            if (!alphabet && c != '=') {
                return i;
            }
        }
        int rest = s.length() % 4;
        return rest == 0 ? Math.max(0, s.length() - 4) : s.length() - rest;
    }

    static boolean isValidStd(String s) {
        return tryDecode(s, Base64.getDecoder()) != null;
    }

    /** OPA pads unpadded input as RFC 7515 appendix C says, then decodes with Go's URLEncoding. */
    public static byte[] decodeUrl(String builtin, String s) {
        try {
            return decodeUrl(s);
        } catch (IllegalArgumentException e) {
            throw new BuiltinException(builtin + ": " + e.getMessage());
        }
    }

    /** As {@link #decodeUrl(String, String)}, failing with Go's wording and input offset. */
    public static byte[] decodeUrl(String s) {
        String padded = s;
        if (!s.endsWith("=")) {
            switch (s.length() % 4) {
                case 0 -> { }
                case 2 -> padded = s + "==";
                case 3 -> padded = s + "=";
                default -> throw new IllegalArgumentException("illegal base64 data at input byte " + (s.length() - 1));
            }
        }
        byte[] out = tryDecode(padded, Base64.getUrlDecoder());
        if (out == null) {
            throw new IllegalArgumentException("illegal base64 data at input byte " + badOffset(padded, '-', '_'));
        }
        return out;
    }

    /** Decodes padded base64 strictly as Go does (Java's decoder would accept missing padding). */
    public static byte[] tryDecode(String s, Base64.Decoder decoder) {
        String stripped = s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 ? s.replace("\r", "").replace("\n", "") : s;
        if (stripped.length() % 4 != 0) {
            return null;
        }
        try {
            return decoder.decode(stripped);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Go's hex.DecodeString, with its error wording. */
    static byte[] decodeHex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0) {
                throw new BuiltinException("hex.decode: encoding/hex: invalid byte: "
                        + String.format("U+%04X '%s'", (int) c, c));
            }
        }
        if (s.length() % 2 != 0) {
            throw new BuiltinException("hex.decode: encoding/hex: odd length hex string");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((Character.digit(s.charAt(2 * i), 16) << 4) | Character.digit(s.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
