package io.sark.opa.builtins;

import static io.sark.opa.builtins.Args.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.SetNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code net.cidr_*}: Go's net.ParseCIDR / ParseIP semantics, without DNS. */
final class NetBuiltins {
    private NetBuiltins() {}

    /** net.cidr_expand refuses networks larger than this many addresses (OPA would try to allocate them all). */
    static final int MAX_EXPANSION = 1 << 16;

    static List<Builtin> all() {
        return List.of(
                Builtin.of("net.cidr_contains", 2, (ctx, a) -> Json.bool(contains("net.cidr_contains", a))),
                Builtin.of("net.cidr_overlap", 2, (ctx, a) -> Json.bool(contains("net.cidr_overlap", a))),
                Builtin.of("net.cidr_intersects", 2, (ctx, a) -> Json.bool(
                        cidr("net.cidr_intersects", string("net.cidr_intersects", a, 0))
                                .intersects(cidr("net.cidr_intersects", string("net.cidr_intersects", a, 1))))),
                Builtin.of("net.cidr_is_valid", 1, (ctx, a) -> Json.bool(IpNetwork.parseCidr(string("net.cidr_is_valid", a, 0)) != null)),
                Builtin.ofSet("net.cidr_expand", 1, (ctx, a) -> expand(string("net.cidr_expand", a, 0))),
                Builtin.ofSet("net.cidr_merge", 1, (ctx, a) -> merge(a[0])),
                Builtin.seeingSets(Builtin.ofSet("net.cidr_contains_matches", 2, (ctx, a) -> containsMatches(a))));
    }

    static IpNetwork cidr(String name, String text) {
        IpNetwork network = IpNetwork.parseCidr(text);
        if (network == null) {
            throw new BuiltinException(name + ": invalid CIDR address: " + text);
        }
        return network;
    }

    /** The second operand is an address or a network; a network must lie wholly inside the first. */
    static boolean contains(String name, JsonNode[] a) {
        IpNetwork network = cidr(name, string(name, a, 0));
        String other = string(name, a, 1);
        byte[] ip = IpNetwork.parseIp(other);
        if (ip != null) {
            return network.contains(new BigInteger(1, ip), ip.length * 8);
        }
        return network.contains(cidr(name, other));
    }

    static JsonNode expand(String text) {
        IpNetwork network = cidr("net.cidr_expand", text);
        BigInteger size = network.last().subtract(network.first()).add(BigInteger.ONE);
        if (size.compareTo(BigInteger.valueOf(MAX_EXPANSION)) > 0) {
            throw new BuiltinException("net.cidr_expand: " + text + " has " + size + " addresses, more than "
                    + MAX_EXPANSION + " can be expanded");
        }
        List<JsonNode> out = new ArrayList<>();
        for (BigInteger ip = network.first(); ip.compareTo(network.last()) <= 0; ip = ip.add(BigInteger.ONE)) {
            out.add(Json.text(IpNetwork.format(ip, network.bits())));
        }
        return Values.set(out);
    }

    /** The smallest set of networks covering exactly the union of the given networks and addresses. */
    static JsonNode merge(JsonNode operand) {
        String name = "net.cidr_merge";
        if (operand == null || !operand.isArray()) {
            throw Args.typeError(name, 1, "one of {array, set}", operand);
        }
        List<IpNetwork> networks = new ArrayList<>();
        for (JsonNode element : operand) {
            if (!element.isTextual()) {
                throw new BuiltinTypeException(name + ": operand 1 must be array of strings but got array containing " + Args.typeName(element));
            }
            String text = element.textValue();
            if (text.contains("/")) {
                networks.add(cidr(name, text));
                continue;
            }
            byte[] ip = IpNetwork.parseIp(text);
            if (ip == null) {
                throw new BuiltinException(name + ": " + text + " is not a valid IP");
            }
            if (ip.length == 16) {
                throw new BuiltinException(name + ": IPv6 invalid: needs prefix length");
            }
            networks.add(IpNetwork.host(ip));
        }
        List<JsonNode> out = new ArrayList<>();
        for (int bits : new int[] {32, 128}) {
            List<BigInteger[]> ranges = new ArrayList<>();
            for (IpNetwork n : networks) {
                if (n.bits() == bits) {
                    ranges.add(new BigInteger[] {n.first(), n.last()});
                }
            }
            ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
            List<BigInteger[]> merged = new ArrayList<>();
            for (BigInteger[] r : ranges) {
                BigInteger[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && r[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
                    last[1] = last[1].max(r[1]);
                } else {
                    merged.add(new BigInteger[] {r[0], r[1]});
                }
            }
            for (BigInteger[] r : merged) {
                for (IpNetwork n : cover(r[0], r[1], bits)) {
                    out.add(Json.text(n.toString()));
                }
            }
        }
        return Values.set(out);
    }

    /** Largest aligned blocks from {@code start} to {@code end} inclusive. */
    private static List<IpNetwork> cover(BigInteger start, BigInteger end, int bits) {
        List<IpNetwork> out = new ArrayList<>();
        BigInteger current = start;
        while (current.compareTo(end) <= 0) {
            int hostBits = current.signum() == 0 ? bits : current.getLowestSetBit();
            hostBits = Math.min(hostBits, bits);
            while (hostBits > 0 && current.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE).compareTo(end) > 0) {
                hostBits--;
            }
            out.add(new IpNetwork(bits, current, bits - hostBits));
            current = current.add(BigInteger.ONE.shiftLeft(hostBits));
        }
        return out;
    }

    /** A CIDR or address with the key it is reported under. */
    private record Entry(JsonNode key, String cidr) {}

    private static List<Entry> entries(JsonNode operand, int index) {
        String name = "net.cidr_contains_matches";
        List<Entry> out = new ArrayList<>();
        if (operand.isTextual()) {
            out.add(new Entry(operand, operand.textValue()));
        } else if (operand instanceof SetNode) { // a set's elements are their own keys
            for (JsonNode element : operand) {
                out.add(new Entry(element, element(name, element, index)));
            }
        } else if (operand.isArray()) {
            for (int i = 0; i < operand.size(); i++) {
                out.add(new Entry(Json.number(i), element(name, operand.get(i), index)));
            }
        } else if (operand.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) operand::fields) {
                out.add(new Entry(Json.text(e.getKey()), element(name, e.getValue(), index)));
            }
        } else {
            throw Args.typeError(name, index, "one of {string, array, object, set}", operand);
        }
        return out;
    }

    private static String element(String name, JsonNode v, int index) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray() && v.size() > 0 && v.get(0).isTextual()) {
            return v.get(0).textValue();
        }
        throw new BuiltinException(name + ": operand " + index + ": element must be string or non-empty array");
    }

    static JsonNode containsMatches(JsonNode[] a) {
        String name = "net.cidr_contains_matches";
        List<Entry> cidrs = entries(a[0], 1);
        List<Entry> targets = entries(a[1], 2);
        List<JsonNode> out = new ArrayList<>();
        for (Entry c : cidrs) {
            IpNetwork network = cidr(name, c.cidr());
            for (Entry t : targets) {
                byte[] ip = IpNetwork.parseIp(t.cidr());
                boolean inside = ip != null
                        ? network.contains(new BigInteger(1, ip), ip.length * 8)
                        : network.contains(cidr(name, t.cidr()));
                if (inside) {
                    ArrayNode pair = Json.array();
                    pair.add(c.key());
                    pair.add(t.key());
                    out.add(pair);
                }
            }
        }
        return Values.set(out);
    }
}
