package io.sark.opa.builtins.net;

import java.math.BigInteger;

/**
 * An IP network as Go's {@code net.ParseCIDR} reads it: address family, the masked network number and
 * the prefix length. Parsing never touches DNS (unlike {@code InetAddress.getByName}).
 */
record IpNetwork(int bits, BigInteger network, int prefix) {

    /** Go's net.ParseCIDR; null when the text is not a CIDR. */
    static IpNetwork parseCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] ip = parseIp(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (ip == null || prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(prefixText);
        int bits = ip.length * 8;
        if (prefix > bits) {
            return null;
        }
        return new IpNetwork(bits, mask(new BigInteger(1, ip), bits, prefix), prefix);
    }

    /** A single address as a full-length network. */
    static IpNetwork host(byte[] ip) {
        return new IpNetwork(ip.length * 8, new BigInteger(1, ip), ip.length * 8);
    }

    private static BigInteger mask(BigInteger value, int bits, int prefix) {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return value.andNot(hostMask);
    }

    BigInteger first() {
        return network;
    }

    BigInteger last() {
        return network.add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
    }

    boolean contains(BigInteger address, int addressBits) {
        return addressBits == bits && address.compareTo(first()) >= 0 && address.compareTo(last()) <= 0;
    }

    boolean contains(IpNetwork other) {
        return other.bits == bits && contains(other.first(), bits) && contains(other.last(), bits);
    }

    boolean intersects(IpNetwork other) {
        return other.bits == bits && contains(other.first(), bits) || other.contains(first(), bits);
    }

    @Override
    public String toString() {
        return format(network, bits) + "/" + prefix;
    }

    /** Go's net.ParseIP: dotted IPv4 (no leading zeros) or IPv6 with optional "::" and trailing IPv4; null otherwise. */
    static byte[] parseIp(String s) {
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        return parseIpv6(s);
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIpv6(String s) {
        byte[] out = new byte[16];
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        byte[] headBytes = groups(head, doubleColon < 0);
        byte[] tailBytes = doubleColon >= 0 ? groups(tail, true) : new byte[0];
        if (headBytes == null || tailBytes == null) {
            return null;
        }
        if (doubleColon < 0) {
            return headBytes.length == 16 ? headBytes : null;
        }
        if (headBytes.length + tailBytes.length > 14) {
            return null;
        }
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, out, 16 - tailBytes.length, tailBytes.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 when {@code ipv4Allowed}. */
    private static byte[] groups(String s, boolean ipv4Allowed) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4Allowed && p.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                out.writeBytes(v4);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            int v = Integer.parseInt(p, 16);
            out.write(v >> 8);
            out.write(v & 0xff);
        }
        return out.toByteArray();
    }

    /** Go's String(): dotted IPv4, or IPv6 with the longest run of two or more zero groups as "::". */
    static String format(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] ip = new byte[bits / 8];
        int copy = Math.min(raw.length, ip.length);
        System.arraycopy(raw, raw.length - copy, ip, ip.length - copy, copy);
        if (bits == 32) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
