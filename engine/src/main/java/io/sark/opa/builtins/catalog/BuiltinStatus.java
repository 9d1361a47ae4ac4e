package io.sark.opa.builtins.catalog;

import io.sark.opa.builtins.net.NetBuiltins;
import io.sark.opa.builtins.values.NumberBuiltins;
import io.sark.opa.engine.Builtins;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Where each OPA builtin runs in this project: in the Java host, inside the wasm module, or nowhere (and why). */
public final class BuiltinStatus {
    private BuiltinStatus() {}

    public enum Kind { HOST, NATIVE, UNSUPPORTED, NOT_YET }

    public record Status(String name, int arity, Kind kind, String note) {}

    /** Core operators: comparison, arithmetic, aggregates, type checks, sets, membership, printing. */
    private static final Set<String> NATIVE = Set.of(
            "eq", "equal", "neq", "gt", "gte", "lt", "lte", "assign",
            "plus", "minus", "mul", "div", "rem", "abs", "ceil", "floor", "round",
            "count", "sum", "product", "max", "min", "sort", "all", "any",
            "and", "or", "intersection", "union", "set_diff",
            "is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "type_name",
            "cast_array", "cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string",
            "internal.member_2", "internal.member_3", "internal.print", "print", "walk");

    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("http.send", "no network calls from policies: a decision must not block on I/O; put the data in input or data"),
            Map.entry("opa.runtime", "there is no OPA runtime (config, environment) behind an in-process decision"),
            Map.entry("rego.parse_module", "needs OPA's Rego parser, which is not part of this project"),
            Map.entry("rego.metadata.chain", "annotations are resolved by OPA's planner, not at run time"),
            Map.entry("rego.metadata.rule", "annotations are resolved by OPA's planner, not at run time"),
            Map.entry("internal.test_case", "used only by `opa test`"));

    /** The status of every OPA builtin against the given host registry, in name order. */
    public static Map<String, Status> of(Builtins host) {
        Map<String, Status> out = new LinkedHashMap<>();
        OpaBuiltinList.arities().forEach((name, arity) -> {
            Status status;
            if (host.find(name).isPresent()) {
                status = new Status(name, arity, Kind.HOST, NOTES.getOrDefault(name, ""));
            } else if (NATIVE.contains(name)) {
                status = new Status(name, arity, Kind.NATIVE, "core operator, evaluated inside the wasm module");
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

    /** Why a builtin is not implemented yet, where there is more to say than "not yet". */
    private static final Map<String, String> PENDING = Map.ofEntries(
            Map.entry("crypto.x509.parse_and_verify_certificates_with_options", "Go's x509.VerifyOptions (DNSName,"
                    + " CurrentTime, KeyUsages, MaxConstraintComparisons) are not mapped onto the JDK's PKIX check yet; "));

    /** Known differences from OPA worth a line in the table. */
    private static final Map<String, String> NOTES = Map.ofEntries(
            Map.entry("net.lookup_ip_addr", "no DNS (a decision never blocks on I/O): IP literals and localhost are"
                    + " answered, any other name is an error"),
            Map.entry("net.cidr_expand", "refuses networks of more than " + NetBuiltins.MAX_EXPANSION + " addresses"),
            Map.entry("yaml.unmarshal", "YAML 1.2 core schema (OPA's Go library reads YAML 1.1 booleans such as `yes`)"),
            Map.entry("yaml.is_valid", "YAML 1.2 core schema"),
            Map.entry("time.now_ns", "read once per evaluation through BuiltinContext"),
            Map.entry("rand.intn", "memoised per evaluation through BuiltinContext"),
            Map.entry("uuid.rfc4122", "memoised per evaluation through BuiltinContext"),
            Map.entry("io.jwt.encode_sign_raw", "errors in OPA 1.x's words; after \"cannot parse JSON: \" the detail is"
                    + " Jackson's, not fastjson's"),
            Map.entry("io.jwt.encode_sign", "signs header and payload as OPA 0.x printed them (`{\"alg\": \"HS256\"}`);"
                    + " OPA 1.x signs Go's compact JSON, so tokens differ from OPA 1.x's byte for byte"),
            Map.entry("net.cidr_merge", "IPv4 and IPv6 ranges merge apart (Go compares IPv4 as IPv4-mapped IPv6)"),
            Map.entry("numbers.range", "refuses ranges of more than " + NumberBuiltins.MAX_RANGE + " numbers"),
            Map.entry("numbers.range_step", "refuses ranges of more than " + NumberBuiltins.MAX_RANGE + " numbers"),
            Map.entry("json.match_schema", "validity as OPA; gojsonschema's wording for the common keywords (type, required, enum, bounds, lengths, pattern, format, combinators), networknt's for the rest"),
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
