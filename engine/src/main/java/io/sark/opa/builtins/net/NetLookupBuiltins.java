package io.sark.opa.builtins.net;


import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * {@code net.lookup_ip_addr} without network I/O: a decision must not block on DNS. What Go's resolver
 * answers without asking a server is answered the same way: an IP literal is its own address, and
 * {@code localhost} (and names under it, RFC 6761) are the loopback addresses. Any other name is an error
 * that says DNS is not available, so a policy never mistakes "not resolved" for "no address".
 */
public final class NetLookupBuiltins {
    private NetLookupBuiltins() {}

    static final String NAME = "net.lookup_ip_addr";

    public static List<Builtin> all() {
        return List.of(Operands.setBuiltin(NAME, 1, (ctx, a) -> lookup(a.string(0))));
    }

    private static JsonNode lookup(String name) {
        byte[] ip = IpNetwork.parseIp(name);
        if (ip != null) {
            return Json.NODES.arrayNode().add(IpNetwork.format(new BigInteger(1, ip), ip.length * 8));
        }
        String host = name.toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Json.NODES.arrayNode().add("127.0.0.1").add("::1"); // OPA's set order
        }
        throw Args.error(NAME, "lookup " + name + ": DNS resolution is not available to in-process decisions;"
                + " only IP literals and localhost are answered");
    }
}
