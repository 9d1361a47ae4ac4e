package io.sark.opa.builtins.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Json;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * {@code uuid.parse}: version and variant of any UUID, plus the fields its version defines (time for 1, 2, 6
 * and 7 as Unix nanoseconds; clock sequence and node for 1 and 2; domain and id for 2). Not a UUID: undefined.
 */
final class UuidFields {
    private UuidFields() {}

    /** 100-nanosecond intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;

    static JsonNode parse(String text) {
        byte[] b = bytes(text);
        if (b == null) {
            return null;
        }
        int version = (b[6] & 0xff) >> 4;
        ObjectNode out = Json.object();
        out.put("version", version);
        out.put("variant", variant(b[8] & 0xff));
        switch (version) {
            case 1 -> {
                gregorianTime(b, out);
                node(b, out);
            }
            case 2 -> {
                // Go's uuid.Time reads a version 2 UUID as version 1, its id standing in for time_low.
                gregorianTime(b, out);
                out.put("id", u32(b, 0));
                out.put("domain", switch (b[9] & 0xff) {
                    case 0 -> "Person";
                    case 1 -> "Group";
                    case 2 -> "Org";
                    default -> "Domain" + (b[9] & 0xff);
                });
                node(b, out);
            }
            case 6 -> {
                long ts = (u32(b, 0) << 28) | ((long) u16(b, 4) << 12) | (u16(b, 6) & 0x0fff);
                out.set("time", Json.number(BigInteger.valueOf(ts - GREGORIAN_OFFSET).multiply(BigInteger.valueOf(100))));
            }
            case 7 -> {
                long ms = (u32(b, 0) << 16) | u16(b, 4);
                out.set("time", Json.number(BigInteger.valueOf(ms).multiply(BigInteger.valueOf(1_000_000L))));
            }
            default -> { }
        }
        return out;
    }

    /** time_hi, time_mid and time_low as 100 ns since 1582, in Unix nanoseconds. */
    private static void gregorianTime(byte[] b, ObjectNode out) {
        long ts = ((long) (u16(b, 6) & 0x0fff) << 48) | ((long) u16(b, 4) << 32) | u32(b, 0);
        out.set("time", Json.number(BigInteger.valueOf(ts - GREGORIAN_OFFSET).multiply(BigInteger.valueOf(100))));
    }

    private static void node(byte[] b, ObjectNode out) {
        out.put("clocksequence", ((b[8] & 0x3f) << 8) | (b[9] & 0xff));
        StringBuilder node = new StringBuilder();
        for (int i = 10; i < 16; i++) {
            if (i > 10) {
                node.append('-');
            }
            node.append(String.format("%02x", b[i] & 0xff));
        }
        out.put("nodeid", node.toString());
        int first = b[10] & 0xff;
        out.put("macvariables", ((first & 2) != 0 ? "local" : "global") + ":" + ((first & 1) != 0 ? "multicast" : "unicast"));
    }

    private static String variant(int b8) {
        if ((b8 & 0xc0) == 0x80) {
            return "RFC4122";
        }
        if ((b8 & 0xe0) == 0xc0) {
            return "Microsoft";
        }
        if ((b8 & 0xe0) == 0xe0) {
            return "Future";
        }
        return "Reserved";
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    /** The forms Go's uuid.Parse accepts: canonical, urn:uuid:, braced, or 32 bare hex digits. */
    private static byte[] bytes(String text) {
        String s = text;
        if (s.length() == 45 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, 37);
        }
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return null;
            }
            hex = s.replace("-", "");
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    }
}
