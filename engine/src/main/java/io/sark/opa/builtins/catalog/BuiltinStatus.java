package io.sark.opa.builtins.catalog;

import io.sark.opa.builtins.net.NetBuiltins;
import io.sark.opa.builtins.values.NumberBuiltins;
import io.sark.opa.engine.Builtins;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each OPA builtin runs in this project: planned away by the Rego compiler, inside the module (the runtime
 * library of compiler/wasm-runtime), in the Java host, or nowhere (and why). The engine cannot see the compiler, so
 * the first two lists are data; the compiler's BuiltinStatusTest holds them to the library's exports and the
 * planner's output.
 */
public final class BuiltinStatus {
    private BuiltinStatus() {}

    public enum Kind { PLANNED, NATIVE, HOST, UNSUPPORTED, NOT_YET }

    public record Status(String name, int arity, Kind kind, String note) {}

    /** Builtins the compiler plans into statements (unification, print, annotations): no call is left to make. */
    public static final Set<String> PLANNED = Set.of(
            "assign", "eq", "print", "internal.print", "rego.metadata.chain", "rego.metadata.rule");

    /** Builtins the runtime library implements ({@code opa_builtin_<name>}): compiled plans call them in the module. */
    public static final Set<String> RUNTIME_NATIVE = Set.of(
            "abs", "all", "and", "any", "array.concat", "array.reverse", "array.slice", "bits.and", "bits.lsh",
            "bits.negate", "bits.or", "bits.rsh", "bits.xor", "cast_array", "cast_boolean", "cast_null",
            "cast_object", "cast_set", "cast_string", "ceil", "concat", "contains", "count", "div", "endswith",
            "equal", "floor", "gt", "gte", "indexof", "internal.member_2", "internal.member_3", "intersection",
            "is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "lt", "lte",
            "max", "min", "minus", "mul", "neq", "numbers.range", "object.filter", "object.get", "object.keys",
            "object.remove", "object.union", "or", "plus", "product", "rem", "replace", "round", "set_diff", "sort",
            "split", "startswith", "strings.reverse", "substring", "sum", "to_number", "trim", "trim_left",
            "trim_prefix", "trim_right", "trim_space", "trim_suffix", "type_name", "union", "walk");

    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("http.send", "no network calls from policies: a decision must not block on I/O; put the data in input or data"),
            Map.entry("opa.runtime", "there is no OPA runtime (config, environment) behind an in-process decision"),
            Map.entry("rego.parse_module", "needs OPA's Rego parser, which is not part of this project"),
            Map.entry("internal.test_case", "used only by `opa test`"));

    /** The status of every OPA builtin against the given host registry, in name order. */
    public static Map<String, Status> of(Builtins host) {
        Map<String, Status> out = new LinkedHashMap<>();
        OpaBuiltinList.arities().forEach((name, arity) -> {
            boolean inHost = host.find(name).isPresent();
            Status status;
            if (PLANNED.contains(name)) {
                status = new Status(name, arity, Kind.PLANNED, PLANNED_NOTES.get(name));
            } else if (RUNTIME_NATIVE.contains(name)) {
                status = new Status(name, arity, Kind.NATIVE, inHost ? "also in the host, for wasm built by OPA" : "");
            } else if (inHost) {
                status = new Status(name, arity, Kind.HOST, NOTES.getOrDefault(name, ""));
            } else if (UNSUPPORTED.containsKey(name)) {
                status = new Status(name, arity, Kind.UNSUPPORTED, UNSUPPORTED.get(name));
            } else {
                status = new Status(name, arity, Kind.NOT_YET, PENDING.getOrDefault(name, "")
                        + "a policy importing it fails to load");
            }
            out.put(name, status);
        });
        return out;
    }

    private static final Map<String, String> PLANNED_NOTES = Map.of(
            "assign", "unification, planned into statements",
            "eq", "unification, planned into statements",
            "print", "planned as `internal.print`, one set per operand",
            "internal.print", "the module writes the line as OPA does (`hello zoe`, `<undefined>`) to the host's `opa_println`",
            "rego.metadata.chain", "planned from the annotations in scope, as OPA's planner does",
            "rego.metadata.rule", "planned from the rule's annotations, as OPA's planner does");

    /** Why a builtin is not implemented yet, where there is more to say than "not yet". */
    private static final Map<String, String> PENDING = Map.ofEntries(
            Map.entry("crypto.x509.parse_and_verify_certificates_with_options", "Go's x509.VerifyOptions (DNSName,"
                    + " CurrentTime, KeyUsages, MaxConstraintComparisons) are not mapped onto the JDK's PKIX check yet; "));

    /** Known differences from OPA worth a line in the table. */
    private static final Map<String, String> NOTES = Map.ofEntries(
            Map.entry("net.lookup_ip_addr", "no DNS (a decision never blocks on I/O): IP literals and localhost are"
                    + " answered, any other name is an error"),
            Map.entry("net.cidr_expand", "refuses networks of more than " + NetBuiltins.MAX_EXPANSION + " addresses"),
            Map.entry("time.now_ns", "read once per evaluation through BuiltinContext"),
            Map.entry("rand.intn", "memoised per evaluation through BuiltinContext"),
            Map.entry("uuid.rfc4122", "memoised per evaluation through BuiltinContext"),
            Map.entry("io.jwt.encode_sign_raw", "errors in OPA 1.x's words; after \"cannot parse JSON: \" the detail is"
                    + " Jackson's, not fastjson's"),
            Map.entry("net.cidr_merge", "IPv4 and IPv6 ranges merge apart (Go compares IPv4 as IPv4-mapped IPv6)"),
            Map.entry("numbers.range_step", "refuses ranges of more than " + NumberBuiltins.MAX_RANGE + " numbers"),
            Map.entry("json.match_schema", "validity as OPA; gojsonschema's wording for the common keywords (type, required, enum, bounds, lengths, pattern, format, unique items, combinators; an unsatisfied anyOf or oneOf with its closest branch's failures only), networknt's for the rest"),
            Map.entry("json.verify_schema", "remote `$ref`s are refused, never fetched"),
            Map.entry("crypto.x509.parse_certificates", "Go's field names for: Raw, Version, SerialNumber, Issuer, Subject, "
                    + "NotBefore, NotAfter, PublicKeyAlgorithm, PublicKey, KeyUsage, BasicConstraintsValid, IsCA, MaxPathLen, "
                    + "DNSNames, EmailAddresses, IPAddresses, URIs"),
            Map.entry("crypto.x509.parse_and_verify_certificates", "root first, leaf last; checked at the evaluation's time; "
                    + "certificates as in parse_certificates"),
            Map.entry("crypto.parse_private_keys", "RSA, EC and Ed25519 keys printed as Go's key structures"),
            Map.entry("crypto.x509.parse_keypair", "Go's tls.Certificate; its Leaf as in parse_certificates"),
            Map.entry("crypto.x509.parse_certificate_request", "Raw, Version, Subject, PublicKeyAlgorithm, PublicKey"),
            Map.entry("strings.render_template", "a subset of Go's text/template: text, comments, `{{.}}`, field chains"
                    + " on dot and variables, `$x :=`, `if`/`else if`/`else`, `range` (arrays, objects in key order),"
                    + " `{{-`/`-}}`; any other action (functions, `|`, literals, `with`, `define`, `template`) is an error"),
            Map.entry("regex.globs_match", "only `.`, `*`, `+`, `[...]` and `\\` are special, as OPA documents"));
}
