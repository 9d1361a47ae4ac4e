package io.sark.opa.builtins.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.go.GoJson;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code providers.aws.sign_req}: AWS Signature Version 4 headers for an http.send request object, signed at the
 * given time in nanoseconds, as OPA's v1/topdown/providers.go and internal/providers/aws/signing_v4.go do it, checks
 * and error texts included. Pure computation: nothing is sent. It sees Rego values, so that a body holding a set
 * comes back as a set.
 */
public final class AwsBuiltins {
    private AwsBuiltins() {}

    private static final String NAME = "providers.aws.sign_req";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> REQUIRED_CONFIG = List.of("aws_access_key", "aws_region", "aws_secret_access_key", "aws_service");
    /** http.send's parameters (v1/topdown/http.go), which the request object is checked against. */
    private static final Set<String> REQUEST_KEYS = Set.of("method", "url", "body", "enable_redirect", "force_json_decode",
            "force_yaml_decode", "headers", "raw_body", "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file",
            "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
            "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify",
            "tls_server_name", "timeout", "cache", "force_cache", "force_cache_duration_seconds", "raise_error",
            "caching_mode", "max_retry_attempts", "cache_ignored_headers");
    /** Headers a proxy may change, left out of the signature. */
    private static final Set<String> UNSIGNED_HEADERS = Set.of("authorization", "user-agent", "x-amzn-trace-id");

    public static List<Builtin> all() {
        return List.of(Builtin.seeingSets(Operands.builtin(NAME, 3, (ctx, a) -> sign(a))));
    }

    static JsonNode sign(Operands a) {
        if (!(a.get(0) instanceof ObjectNode request)) {
            throw Args.typeError(NAME, 1, "object", a.get(0));
        }
        if (!(a.get(1) instanceof ObjectNode config)) {
            throw Args.typeError(NAME, 1, "object", a.get(1)); // sic: OPA names operand 1 here
        }
        checkConfig(config);
        if (a.get(2) == null || !a.get(2).isNumber()) {
            throw Args.typeError(NAME, 1, "number", a.get(2)); // sic
        }
        Instant at = Instant.EPOCH.plusNanos(nanos(a.get(2)));
        checkRequest(request);
        JsonNode headersTerm = request.get("headers");
        if (headersTerm != null && !headersTerm.isObject()) {
            throw Args.typeError(NAME, 0, "object", headersTerm); // sic
        }
        Set<String> invalid = new TreeSet<>();
        for (String key : List.of("url", "method")) {
            if (!request.get(key).isTextual()) {
                invalid.add(key);
            }
        }
        if (!invalid.isEmpty()) {
            throw new BuiltinTypeException(NAME + ": operand 1 invalid values for required request parameters(s): " + regoSet(invalid));
        }
        GoUrl url = GoUrl.parse(request.get("url").textValue());
        boolean unsignedPayload = false;
        JsonNode disable = config.get("disable_payload_signing");
        if (disable != null) {
            if (!disable.isBoolean()) {
                throw new BuiltinTypeException(NAME + ": operand 2 invalid value for 'disable_payload_signing' in AWS config");
            }
            unsignedPayload = disable.booleanValue();
        }
        // OPA reads header values, the session token and raw_body as strings, anything else as ""
        Map<String, String> headers = new LinkedHashMap<>();
        if (headersTerm != null) {
            headersTerm.properties().forEach(e -> headers.put(e.getKey(), text(e.getValue())));
        }
        String contentHash = unsignedPayload ? "UNSIGNED-PAYLOAD" : hex(sha256(body(request)));
        String service = text(config.get("aws_service"));
        String region = text(config.get("aws_region"));
        String sessionToken = text(config.get("aws_session_token"));
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);

        Map<String, String> awsHeaders = new LinkedHashMap<>();
        awsHeaders.put("host", url.host());
        awsHeaders.put("x-amz-date", amzDate);
        if (service.equals("s3") || service.equals("glacier")) {
            awsHeaders.put("x-amz-content-sha256", contentHash);
        }
        if (!sessionToken.isEmpty()) {
            awsHeaders.put("x-amz-security-token", sessionToken);
        }
        // the request's own headers are signed as given, over the AWS ones of the same name
        TreeMap<String, String> signed = new TreeMap<>(awsHeaders);
        headers.forEach((k, v) -> {
            String lower = k.toLowerCase(Locale.ROOT);
            if (!UNSIGNED_HEADERS.contains(lower)) {
                signed.put(lower, v);
            }
        });
        StringBuilder canonical = new StringBuilder(request.get("method").textValue()).append('\n')
                .append(url.escapedPath()).append('\n').append(url.rawQuery()).append('\n');
        signed.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        canonical.append('\n').append(signedHeaders).append('\n').append(contentHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + text(config.get("aws_secret_access_key"))).getBytes(StandardCharsets.UTF_8), date);
        for (String step : List.of(region, service, "aws4_request")) {
            key = hmac(key, step);
        }
        String authorization = "AWS4-HMAC-SHA256 Credential=" + text(config.get("aws_access_key")) + "/" + scope
                + ",SignedHeaders=" + signedHeaders + ",Signature=" + hex(hmac(key, stringToSign));

        ObjectNode outHeaders = Json.object();
        headers.forEach(outHeaders::put);
        outHeaders.put("Authorization", authorization);
        awsHeaders.forEach(outHeaders::put);
        ObjectNode out = request.deepCopy();
        out.set("headers", outHeaders);
        return out;
    }

    private static void checkConfig(ObjectNode config) {
        Set<String> missing = REQUIRED_CONFIG.stream().filter(k -> !config.has(k)).collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            throw new BuiltinTypeException(NAME + ": operand 2 missing required AWS config parameters(s): " + regoSet(missing));
        }
        Set<String> invalid = REQUIRED_CONFIG.stream().filter(k -> !config.get(k).isTextual())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!invalid.isEmpty()) {
            throw new BuiltinTypeException(NAME + ": operand 2 invalid values for required AWS config parameters(s): " + regoSet(invalid));
        }
    }

    /** http.send's check of the request object's keys. */
    private static void checkRequest(ObjectNode request) {
        Set<String> keys = new TreeSet<>();
        request.fieldNames().forEachRemaining(keys::add);
        Set<String> unknown = keys.stream().filter(k -> !REQUEST_KEYS.contains(k)).collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new BuiltinTypeException(NAME + ": operand 1 invalid request parameters(s): " + regoSet(unknown));
        }
        Set<String> missing = new TreeSet<>(Set.of("method", "url"));
        missing.removeAll(keys);
        if (!missing.isEmpty()) {
            throw new BuiltinTypeException(NAME + ": operand 1 missing required request parameters(s): " + regoSet(missing));
        }
    }

    private static long nanos(JsonNode time) {
        try {
            return time.decimalValue().toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new BuiltinTypeException(NAME + ": operand 3 could not convert time_ns value into a unix timestamp");
        }
    }

    /** raw_body wins over body; a body is signed as the JSON Go would send. */
    private static byte[] body(ObjectNode request) {
        if (request.has("raw_body")) {
            return text(request.get("raw_body")).getBytes(StandardCharsets.UTF_8);
        }
        if (request.has("body")) {
            return GoJson.write(request.get("body")).getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() ? value.textValue() : "";
    }

    /** A set of strings as OPA prints it in these errors: {@code {"a", "b"}}. */
    private static String regoSet(Set<String> names) {
        return names.stream().map(n -> Json.text(n).toString()).collect(Collectors.joining(", ", "{", "}"));
    }

    /** The parts of Go's url.Parse that signing reads: the host, the escaped path and the raw query. */
    record GoUrl(String host, String escapedPath, String rawQuery) {
        private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

        static GoUrl parse(String raw) {
            if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new BuiltinException(NAME + ": parse " + Json.text(raw) + ": net/url: invalid control character in URL");
            }
            String rest = raw;
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                rest = rest.substring(0, hash);
            }
            if (rest.startsWith(":")) {
                throw new BuiltinException(NAME + ": parse " + Json.text(raw) + ": missing protocol scheme");
            }
            Matcher scheme = SCHEME.matcher(rest);
            if (scheme.find()) {
                rest = rest.substring(scheme.end());
            }
            String query = "";
            int question = rest.indexOf('?');
            if (question >= 0) {
                query = rest.substring(question + 1);
                rest = rest.substring(0, question);
            }
            String host = "";
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                host = authority.substring(authority.lastIndexOf('@') + 1);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            return new GoUrl(host, rest, query);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
