package io.sark.opa.builtins.crypto;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.builtins.crypto.JwtKeys.KeyWithId;
import io.sark.opa.builtins.encoding.EncodingBuiltins;
import io.sark.opa.builtins.go.GoJson;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinContext;
import io.sark.opa.engine.BuiltinException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/** {@code io.jwt.*}: decoding, signature verification, {@code decode_verify} with OPA's constraints, signing. */
public final class JwtBuiltins {
    private JwtBuiltins() {}

    public static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>();
        out.add(Operands.builtin("io.jwt.decode", 1, (ctx, a) -> decode(a.string(0))));
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            String name = "io.jwt.verify_" + alg.name().toLowerCase();
            out.add(Operands.builtin(name, 2, (ctx, a) -> Json.bool(verify(name, alg, a.string(0), a.string(1)))));
        }
        out.add(Operands.builtin("io.jwt.decode_verify", 2, JwtBuiltins::decodeVerify));
        // header and payload as Go's json.Marshal writes them (sets as arrays), as OPA does since 0.68 (its pull
        // request 6934); it signed the term's printed text before, with ", " and ": " and sets in braces
        out.add(Operands.builtin("io.jwt.encode_sign", 3, (ctx, a) -> Json.text(sign(a.builtin(),
                GoJson.write(a.object(0)), GoJson.write(a.object(1)),
                Json.write(a.object(2))))));
        out.add(Operands.builtin("io.jwt.encode_sign_raw", 3, (ctx, a) -> Json.text(sign(a.builtin(),
                a.string(0), a.string(1),
                a.string(2)))));
        return out;
    }

    /** The three base64url sections of a compact JWS. */
    record Token(String name, String header, String payload, String signature) {

        static Token split(String name, String encoded) {
            if (!encoded.contains(".")) {
                throw new BuiltinException(name + ": encoded JWT had no period separators");
            }
            String[] parts = encoded.split("\\.", -1);
            if (parts.length != 3) {
                throw new BuiltinException(name + ": encoded JWT must have 3 sections, found " + parts.length);
            }
            return new Token(name, parts[0], parts[1], parts[2]);
        }

        ObjectNode decodedHeader() {
            byte[] bytes;
            try {
                bytes = EncodingBuiltins.decodeUrl(header);
            } catch (IllegalArgumentException e) {
                throw new BuiltinException(name + ": JWT header had invalid encoding: " + e.getMessage());
            }
            ObjectNode parsed = jsonObject(name, "bad JWT header: ", new String(bytes, StandardCharsets.UTF_8));
            if (parsed.has("enc")) {
                throw new BuiltinException(name + ": JWT is a JWE object, which is not supported");
            }
            return parsed;
        }

        String decodedPayload() {
            try {
                return new String(EncodingBuiltins.decodeUrl(payload), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BuiltinException(name + ": JWT payload had invalid encoding: " + e.getMessage());
            }
        }

        byte[] decodedSignature() {
            try {
                return EncodingBuiltins.decodeUrl(signature);
            } catch (IllegalArgumentException e) {
                throw new BuiltinException(name + ": JWT signature had invalid encoding: " + e.getMessage());
            }
        }

        byte[] signingInput() {
            return (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        }
    }

    static ObjectNode jsonObject(String name, String what, String text) {
        JsonNode node;
        try {
            // Duplicate keys: the last one wins, as with Go's encoding/json that OPA relies on.
            node = Json.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BuiltinException(name + ": " + what + "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BuiltinException(name + ": " + what + "decoded JSON type was not an Object");
        }
        return (ObjectNode) node;
    }

    static JsonNode decode(String encoded) {
        String name = "io.jwt.decode";
        Token token = Token.split(name, encoded);
        ObjectNode header = token.decodedHeader();
        String payload = token.decodedPayload();
        if (header.path("cty").asText("").equals("JWT")) {
            // A nested token is carried quoted (jwt.io's convention); OPA trims the quotes and recurses.
            return decode(trimQuotes(payload));
        }
        ObjectNode claims = jsonObject(name, "", payload);
        String signature = HexFormat.of().formatHex(token.decodedSignature());
        ArrayNode out = Json.array();
        out.add(header);
        out.add(claims);
        out.add(signature);
        return out;
    }

    private static String trimQuotes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '"') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '"') {
            end--;
        }
        return s.substring(start, end);
    }

    /** OPA's {@code io.jwt.verify_*}: the builtin's algorithm, whatever the token's header says. */
    static boolean verify(String name, JwsAlgorithm alg, String encoded, String keyText) {
        Token token = Token.split(name, encoded);
        List<KeyWithId> keys = alg.isHmac()
                ? List.of(new KeyWithId(null, new SecretKeySpec(bytesOrZero(keyText), "HMAC")))
                : JwtKeys.parse(name, keyText);
        byte[] signature = token.decodedSignature();
        ObjectNode header = token.decodedHeader();
        return verifyWithKeys(alg, keys, header.path("kid").asText(""), token.signingInput(), signature);
    }

    private static byte[] bytesOrZero(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A key whose {@code kid} matches the header's decides alone; otherwise any key may verify. */
    private static boolean verifyWithKeys(JwsAlgorithm alg, List<KeyWithId> keys, String kid, byte[] input, byte[] signature) {
        if (!kid.isEmpty()) {
            for (KeyWithId key : keys) {
                if (kid.equals(key.kid())) {
                    return alg.verify(key.key(), input, signature);
                }
            }
        }
        for (KeyWithId key : keys) {
            if (alg.verify(key.key(), input, signature)) {
                return true;
            }
        }
        return false;
    }

    /** OPA's constraints object of {@code io.jwt.decode_verify}. */
    private record Constraints(List<KeyWithId> keys, String secret, String alg, String iss, String aud, BigDecimal timeNanos) {

        static Constraints parse(String name, ObjectNode o, BuiltinContext ctx) {
            List<KeyWithId> keys = null;
            String secret = null;
            String alg = null;
            String iss = null;
            String aud = null;
            BigDecimal time = null;
            var fields = o.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode v = field.getValue();
                switch (field.getKey()) {
                    case "cert" -> keys = JwtKeys.parse(name, text(name, field.getKey(), v));
                    case "secret" -> secret = text(name, field.getKey(), v);
                    case "alg" -> alg = text(name, field.getKey(), v);
                    case "iss" -> iss = text(name, field.getKey(), v);
                    case "aud" -> aud = text(name, field.getKey(), v);
                    case "time" -> {
                        if (!v.isNumber()) {
                            throw new BuiltinException(name + ": time constraint: must be a number");
                        }
                        time = v.decimalValue();
                    }
                    default -> throw new BuiltinException(name + ": unknown token validation constraint: " + field.getKey());
                }
            }
            int keyConstraints = (keys != null ? 1 : 0) + (secret != null ? 1 : 0);
            if (keyConstraints > 1) {
                throw new BuiltinException(name + ": duplicate key constraints");
            }
            if (keyConstraints < 1) {
                throw new BuiltinException(name + ": no key constraint");
            }
            if (time == null) {
                time = BigDecimal.valueOf(ctx.nowNanos());
            }
            return new Constraints(keys, secret, alg, iss, aud, time);
        }

        private static String text(String name, String key, JsonNode v) {
            if (!v.isTextual()) {
                throw new BuiltinException(name + ": " + key + " constraint: must be a string");
            }
            return v.textValue();
        }

        boolean validAudience(JsonNode aud) {
            if (aud.isTextual()) {
                return aud.textValue().equals(this.aud);
            }
            if (aud.isArray()) {
                for (JsonNode a : aud) {
                    if (a.isTextual() && a.textValue().equals(this.aud)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static JsonNode unverified() {
        ArrayNode out = Json.array();
        out.add(false);
        out.add(Json.object());
        out.add(Json.object());
        return out;
    }

    /**
     * OPA's parseTokenHeader and valid() (v1/topdown/tokens.go): the parameters it knows must be strings (crit a
     * list), alg must be there, and a token whose crit names a parameter it carries but OPA does not understand is
     * invalid (RFC 7515 4.1.11).
     */
    static boolean validHeader(String name, ObjectNode header) {
        Set<String> critical = Set.of();
        List<String> unknown = new ArrayList<>();
        for (var field : header.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "alg", "kid", "typ", "cty" -> {
                    if (!value.isTextual()) {
                        throw new BuiltinException(name + ": " + field.getKey() + ": must be a string");
                    }
                }
                case "crit" -> critical = criticalNames(name, value);
                default -> unknown.add(field.getKey());
            }
        }
        return !header.path("alg").asText("").isEmpty() && unknown.stream().noneMatch(critical::contains);
    }

    /** The names in crit, read as OPA does: up to the first element that is not a string. */
    private static Set<String> criticalNames(String name, JsonNode crit) {
        if (!crit.isArray()) {
            throw new BuiltinException(name + ": crit: must be a list");
        }
        Set<String> names = new HashSet<>();
        for (JsonNode element : crit) {
            if (!element.isTextual()) {
                break;
            }
            names.add(element.textValue());
        }
        if (names.isEmpty()) {
            throw new BuiltinException(name + ": crit: must be a nonempty list");
        }
        return names;
    }

    static JsonNode decodeVerify(BuiltinContext ctx, Operands a) {
        String name = a.builtin();
        String encoded = a.string(0);
        Constraints constraints = Constraints.parse(name, a.object(1), ctx);
        ObjectNode header;
        String payload;
        while (true) {
            Token token = Token.split(name, encoded);
            header = token.decodedHeader();
            if (!validHeader(name, header)) {
                return unverified();
            }
            String alg = header.path("alg").asText("");
            if (constraints.alg() != null && !constraints.alg().equals(alg)) {
                return unverified();
            }
            byte[] signature = token.decodedSignature();
            JwsAlgorithm algorithm = JwsAlgorithm.byName(alg);
            if (algorithm == null) {
                return unverified();
            }
            List<KeyWithId> keys = constraints.secret() != null
                    ? List.of(new KeyWithId(null, new SecretKeySpec(bytesOrZero(constraints.secret()), "HMAC")))
                    : constraints.keys();
            if (!verifyWithKeys(algorithm, keys, header.path("kid").asText(""), token.signingInput(), signature)) {
                return unverified();
            }
            payload = token.decodedPayload();
            if (!header.path("cty").asText("").equalsIgnoreCase("JWT")) {
                break;
            }
            encoded = payload;
        }
        ObjectNode claims = jsonObject(name, "", payload);
        if (constraints.iss() != null && !Values.equal(claims.get("iss"), Json.text(constraints.iss()))) {
            return unverified();
        }
        JsonNode aud = claims.get("aud");
        if (aud != null) {
            if (constraints.aud() == null || !constraints.validAudience(aud)) {
                return unverified();
            }
        } else if (constraints.aud() != null && !constraints.aud().isEmpty()) {
            return unverified();
        }
        // exp and nbf are seconds; the constraint time is nanoseconds.
        BigDecimal now = constraints.timeNanos().divide(BigDecimal.valueOf(1_000_000_000L));
        JsonNode exp = claims.get("exp");
        if (exp != null) {
            if (!exp.isNumber()) {
                throw new BuiltinException(name + ": exp value must be a number");
            }
            if (now.compareTo(exp.decimalValue()) >= 0) {
                return unverified();
            }
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null) {
            if (!nbf.isNumber()) {
                throw new BuiltinException(name + ": nbf value must be a number");
            }
            if (now.compareTo(nbf.decimalValue()) < 0) {
                return unverified();
            }
        }
        ArrayNode out = Json.array();
        out.add(true);
        out.add(header);
        out.add(claims);
        return out;
    }

    /** OPA's JWS signing: the header and payload texts are signed byte for byte as given. */
    static String sign(String name, String headerText, String payloadText, String jwkText) {
        JWK jwk;
        Key key;
        try {
            jwk = jwkText.contains("\"keys\"") ? JWKSet.parse(jwkText).getKeys().get(0) : JWK.parse(jwkText);
            key = JwtKeys.signingKey(jwk);
        } catch (Exception e) {
            throw new BuiltinException(name + ": failed to parse a JWK key (set): " + e.getMessage(), e);
        }
        JsonNode header = signingHeader(name, headerText);
        JsonNode algNode = header.get("alg");
        if (algNode == null) {
            throw new BuiltinException(name + ": missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        }
        if (!algNode.isTextual()) {
            throw new BuiltinException(name + ": missing or invalid 'alg' header: value doesn't contain string; it contains "
                    + fastjsonType(algNode));
        }
        JwsAlgorithm alg = JwsAlgorithm.byName(algNode.textValue());
        if (alg == null) {
            throw new BuiltinException(name + ": unknown JWS algorithm: " + algNode.textValue());
        }
        JsonNode typ = header.get("typ");
        if ((typ == null || !typ.isTextual() || typ.textValue().equals("JWT")) && !isJson(payloadText)) {
            throw new BuiltinException(name + ": type is JWT but payload is not JSON");
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(headerText.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadText.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = alg.sign(key, input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(signature);
        } catch (Exception e) {
            throw new BuiltinException(name + ": failed to sign with " + alg.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The header as jwx's jwsbb reads it to find alg (v1/topdown/tokens.go): with fastjson, which also takes a bare
     * number-like word such as {@code e} as a value (one without fields), and refuses what is not JSON otherwise.
     */
    private static JsonNode signingHeader(String name, String headerText) {
        if (headerText.isBlank()) {
            throw new BuiltinException(name + ": missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
        }
        try {
            return Json.parse(headerText);
        } catch (JsonProcessingException e) {
            if (FASTJSON_RAW_NUMBER.matcher(headerText.strip()).matches()) {
                return Json.NODES.missingNode();
            }
            throw new BuiltinException(name + ": missing or invalid 'alg' header: cannot parse JSON: " + e.getOriginalMessage());
        }
    }

    /** What fastjson's parseRawNumber takes without checking it is a number. */
    private static final Pattern FASTJSON_RAW_NUMBER = Pattern.compile("[0-9.eE+-]+|[+-]?(?i:inf|nan)");

    /** fastjson's Type names, which its errors use. */
    private static String fastjsonType(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        return Args.typeName(value);
    }

    private static boolean isJson(String text) {
        try {
            JsonNode node = Json.parse(text);
            return node != null && !node.isMissingNode();
        } catch (Exception e) {
            return false;
        }
    }
}
