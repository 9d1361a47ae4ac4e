package io.sark.opa.builtins.net;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.SetNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code net.cidr_*}: Go's net.ParseCIDR / ParseIP semantics, without DNS. */
public final class NetBuiltins {
    private NetBuiltins() {}

    /** net.cidr_expand refuses networks larger than this many addresses (OPA would try to allocate them all). */
    public static final int MAX_EXPANSION = 1 << 16;

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("net.cidr_contains", 2, (ctx, a) -> Json.bool(contains(a))),
                Operands.builtin("net.cidr_overlap", 2, (ctx, a) -> Json.bool(contains(a))),
                Operands.builtin("net.cidr_intersects", 2, (ctx, a) -> Json.bool(
                        cidr(a.builtin(), a.string(0))
                                .intersects(cidr(a.builtin(), a.string(1))))),
                Operands.builtin("net.cidr_is_valid", 1, (ctx, a) -> Json.bool(IpNetwork.parseCidr(a.string(0)) != null)),
                Operands.setBuiltin("net.cidr_expand", 1, (ctx, a) -> expand(a.string(0))),
                Operands.setBuiltin("net.cidr_merge", 1, (ctx, a) -> merge(a.get(0))),
                Builtin.seeingSets(Operands.setBuiltin("net.cidr_contains_matches", 2, (ctx, a) -> containsMatches(a))));
    }

    static IpNetwork cidr(String name, String text) {
        IpNetwork network = IpNetwork.parseCidr(text);
        if (network == null) {
            throw new BuiltinException(name + ": invalid CIDR address: " + text);
        }
        return network;
    }

    /** The second operand is an address or a network; a network must lie wholly inside the first. */
    static boolean contains(Operands a) {
        IpNetwork network = cidr(a.builtin(), a.string(0));
        String other = a.string(1);
        byte[] ip = IpNetwork.parseIp(other);
        if (ip != null) {
            return network.contains(new BigInteger(1, ip), ip.length * 8);
        }
        return network.contains(cidr(a.builtin(), other));
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

    /** An input of cidr_merge: its addresses, and the text OPA gives it back as when nothing merges with it. */
    private record Block(BigInteger first, BigInteger last, int bits, String text) {}

    /**
     * OPA's cidr_merge (v1/topdown/cidr.go, internal/cidr/merge): blocks that overlap or touch merge, and a merged
     * range comes back as its fewest CIDRs; a block that merged with nothing comes back as it was read. An IPv4
     * address without a prefix takes its class's default mask (Go's IP.DefaultMask: /8, /16 or /24) and keeps its
     * host bits in that text, as Go's IPNet prints it. IPv4 and IPv6 ranges are merged apart.
     */
    static JsonNode merge(JsonNode operand) {
        String name = "net.cidr_merge";
        if (operand == null || !operand.isArray()) {
            throw new BuiltinException(name + ": operand must be an array");
        }
        List<Block> blocks = new ArrayList<>();
        for (JsonNode element : operand) {
            if (!element.isTextual()) {
                throw new BuiltinException(name + ": element must be string");
            }
            blocks.add(block(name, element.textValue()));
        }
        List<JsonNode> out = new ArrayList<>();
        for (int bits : new int[] {32, 128}) {
            List<Block> family = new ArrayList<>(blocks.stream().filter(b -> b.bits() == bits).toList());
            family.sort(Comparator.comparing(Block::first));
            int i = 0;
            while (i < family.size()) {
                Block start = family.get(i);
                BigInteger last = start.last();
                int j = i + 1;
                while (j < family.size() && family.get(j).first().compareTo(last.add(BigInteger.ONE)) <= 0) {
                    last = last.max(family.get(j).last());
                    j++;
                }
                if (j == i + 1) {
                    out.add(Json.text(start.text()));
                } else {
                    cover(start.first(), last, bits).forEach(n -> out.add(Json.text(n.toString())));
                }
                i = j;
            }
        }
        return Values.set(out);
    }

    private static Block block(String name, String text) {
        byte[] ip = IpNetwork.parseIp(text);
        if (ip == null) {
            IpNetwork network = cidr(name, text);
            return new Block(network.first(), network.last(), network.bits(), network.toString());
        }
        if (ip.length == 16) {
            throw new BuiltinException(name + ": IPv6 invalid: needs prefix length");
        }
        int first = ip[0] & 0xff;
        int prefix = first < 0x80 ? 8 : first < 0xc0 ? 16 : 24;
        IpNetwork network = IpNetwork.parseCidr(text + "/" + prefix);
        return new Block(network.first(), network.last(), 32, text + "/" + prefix);
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

    static JsonNode containsMatches(Operands a) {
        String name = a.builtin();
        List<Entry> cidrs = entries(a.get(0), 1);
        List<Entry> targets = entries(a.get(1), 2);
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
