package io.sark.opa.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code providers.aws.sign_req}: AWS Signature Version 4 headers for an http.send-style request object,
 * signed at the given time in nanoseconds. Pure computation: nothing is sent.
 */
final class AwsBuiltins {
    private AwsBuiltins() {}

    private static final String NAME = "providers.aws.sign_req";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static List<Builtin> all() {
        return List.of(Builtin.of(NAME, 3, (ctx, a) -> sign(Args.object(NAME, a, 0), Args.object(NAME, a, 1),
                Args.longValue(NAME, a, 2))));
    }

    private static String text(ObjectNode o, String key, boolean required) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            if (required) {
                throw new BuiltinException(NAME + ": missing or non-string " + key);
            }
            return null;
        }
        return v.textValue();
    }

    static JsonNode sign(ObjectNode request, ObjectNode config, long nanos) {
        String accessKey = text(config, "aws_access_key", true);
        String secretKey = text(config, "aws_secret_access_key", true);
        String service = text(config, "aws_service", true);
        String region = text(config, "aws_region", true);
        String sessionToken = text(config, "aws_session_token", false);
        String method = text(request, "method", true);
        URI url;
        try {
            url = new URI(text(request, "url", true));
        } catch (URISyntaxException e) {
            throw new BuiltinException(NAME + ": invalid url: " + e.getMessage());
        }
        // raw_body wins over body; a body is signed as the JSON OPA would send.
        String rawBody = text(request, "raw_body", false);
        byte[] payload = rawBody != null ? rawBody.getBytes(StandardCharsets.UTF_8)
                : request.has("body") ? GoJson.write(request.get("body")).getBytes(StandardCharsets.UTF_8) : new byte[0];
        Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L));
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        String payloadHash = hex(sha256(payload));

        TreeMap<String, String> headers = new TreeMap<>();
        JsonNode given = request.get("headers");
        if (given != null && given.isObject()) {
            given.fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        }
        String host = url.getRawAuthority() == null ? "" : url.getRawAuthority();
        headers.put("host", host);
        // Only S3 and Glacier take the payload hash header.
        boolean contentHash = service.equals("s3") || service.equals("glacier");
        if (contentHash) {
            headers.put("x-amz-content-sha256", payloadHash);
        }
        headers.put("x-amz-date", amzDate);
        if (sessionToken != null) {
            headers.put("x-amz-security-token", sessionToken);
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        List<String> signed = new ArrayList<>();
        headers.forEach((k, v) -> {
            canonicalHeaders.append(k).append(':').append(v).append('\n');
            signed.add(k);
        });
        String signedHeaders = String.join(";", signed);
        // OPA signs the method as given, the escaped path (empty for a bare host) and the raw query.
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : url.getRawQuery();
        String canonicalRequest = method + "\n" + path + "\n" + query + "\n"
                + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));

        ObjectNode out = request.deepCopy();
        ObjectNode outHeaders = given != null && given.isObject() ? ((ObjectNode) given).deepCopy() : Json.object();
        outHeaders.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);
        outHeaders.put("host", host);
        if (contentHash) {
            outHeaders.put("x-amz-content-sha256", payloadHash);
        }
        outHeaders.put("x-amz-date", amzDate);
        if (sessionToken != null) {
            outHeaders.put("x-amz-security-token", sessionToken);
        }
        out.set("headers", outHeaders);
        return out;
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
