package io.sark.opa.builtins.crypto;


import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code crypto.md5/sha1/sha256} and {@code crypto.hmac.*}: lower-case hex digests of the UTF-8 bytes. */
public final class HashBuiltins {
    private HashBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                digest("crypto.md5", "MD5"), digest("crypto.sha1", "SHA-1"), digest("crypto.sha256", "SHA-256"),
                hmac("crypto.hmac.md5", "HmacMD5"), hmac("crypto.hmac.sha1", "HmacSHA1"),
                hmac("crypto.hmac.sha256", "HmacSHA256"), hmac("crypto.hmac.sha512", "HmacSHA512"),
                Operands.builtin("crypto.hmac.equal", 2, (ctx, a) -> Json.bool(MessageDigest.isEqual(
                        bytes(a.string(0)), bytes(a.string(1))))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Builtin digest(String name, String algorithm) {
        return Operands.builtin(name, 1, (ctx, a) -> {
            try {
                return Json.text(HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(a.string(0)))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
            }
        });
    }

    private static Builtin hmac(String name, String algorithm) {
        return Operands.builtin(name, 2, (ctx, a) -> {
            byte[] message = bytes(a.string(0));
            byte[] key = bytes(a.string(1));
            try {
                Mac mac = Mac.getInstance(algorithm);
                // The JDK refuses empty keys; HMAC pads keys with zeros, so one zero byte is the same key.
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
                return Json.text(HexFormat.of().formatHex(mac.doFinal(message)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
            }
        });
    }
}
