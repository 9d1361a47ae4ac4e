package io.sark.opa.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.opa.builtins.crypto.JwsAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a bundle's {@code .signatures.json} as OPA does (v1/bundle/verify.go, bundle.go): one JWT, signed by the
 * configured key, carrying the configured scope, listing exactly the bundle's files (less {@code .signatures.json}
 * and the excluded ones) with their digests. Plain Java: used at build time and for bundles fetched at run time.
 */
public final class BundleVerifier {
    /** The file that carries a bundle's signatures. */
    public static final String SIGNATURES_FILE = ".signatures.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleVerifier() {}

    /**
     * Verifies a bundle given its files, keyed by path with or without a leading slash; throws
     * {@link BundleSignatureException} naming the file and the reason when it is refused. Unlike OPA, a bundle
     * without {@code .signatures.json} is refused whenever verification is configured.
     */
    public static void verify(Map<String, byte[]> files, VerificationConfig config) {
        Map<String, byte[]> byName = new LinkedHashMap<>();
        files.forEach((path, content) -> byName.put(name(path), content));
        byte[] signatures = byName.remove(SIGNATURES_FILE);
        if (signatures == null) {
            throw new BundleSignatureException("bundle is not signed: it has no " + SIGNATURES_FILE);
        }
        JsonNode payload = verifiedPayload(token(signatures), config);
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        for (JsonNode file : payload.path("files")) {
            listed.put(name(file.path("name").asText("")), file);
        }
        for (Map.Entry<String, byte[]> file : byName.entrySet()) {
            String name = file.getKey();
            JsonNode entry = listed.remove(name);
            if (excluded(name, config)) {
                continue;
            }
            if (entry == null) {
                throw new BundleSignatureException("file " + name + " is not listed in the signature");
            }
            String algorithm = entry.path("algorithm").asText("");
            String actual = BundleHash.hex(name, file.getValue(), algorithm);
            if (actual == null) {
                throw new BundleSignatureException(name + ": unsupported hash algorithm '" + algorithm + "'");
            }
            if (!actual.equalsIgnoreCase(entry.path("hash").asText(""))) {
                throw new BundleSignatureException(name + ": hash mismatch");
            }
        }
        if (!listed.isEmpty()) {
            throw new BundleSignatureException("file " + listed.keySet().iterator().next()
                    + " is listed in the signature but missing from the bundle");
        }
    }

    /** A bundle path as signatures name it: no leading slash or {@code ./}. */
    static String name(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("./") ? 2 : 1);
        }
        return p;
    }

    private static String token(byte[] signatures) {
        JsonNode json;
        try {
            json = JSON.readTree(signatures);
        } catch (IOException e) {
            throw new BundleSignatureException(SIGNATURES_FILE + ": not valid JSON");
        }
        JsonNode tokens = json == null ? null : json.get("signatures");
        if (tokens == null || !tokens.isArray() || tokens.size() != 1 || !tokens.get(0).isTextual()) {
            throw malformed("expected exactly one JWT in signatures");
        }
        return tokens.get(0).asText();
    }

    /** The JWT's payload once its signature and scope check out. */
    private static JsonNode verifiedPayload(String token, VerificationConfig config) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("not a compact JWT");
        }
        JsonNode header = jsonPart(parts[0], "header");
        JsonNode payload = jsonPart(parts[1], "payload");
        // OPA's order: the configured key id, then the JWT's kid header, then its deprecated keyid claim
        String keyId = config.keyId() != null ? config.keyId() : header.path("kid").asText("");
        if (keyId.isEmpty()) {
            keyId = payload.path("keyid").asText("");
        }
        if (keyId.isEmpty()) {
            throw new BundleSignatureException("the signature names no key (no kid) and no key id is configured");
        }
        VerificationKey key = config.keys().get(keyId);
        if (key == null) {
            throw new BundleSignatureException("unknown keyid '" + keyId + "'");
        }
        JwsAlgorithm algorithm = SigningKeys.algorithm(key.algorithm());
        String signedWith = header.path("alg").asText("");
        if (!signedWith.equals(algorithm.name())) {
            throw new BundleSignatureException("signature algorithm '" + signedWith + "' does not match key '" + keyId
                    + "' (" + algorithm + ")");
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!algorithm.verify(SigningKeys.verificationKey(keyId, algorithm, key.key()), input, decode(parts[2]))) {
            throw new BundleSignatureException("signature does not verify with key '" + keyId + "'");
        }
        // OPA's order: the bundle's scope, else the key's (v1/bundle/verify.go)
        String expected = config.scope().isEmpty() ? key.scope() : config.scope();
        String scope = payload.path("scope").asText("");
        if (!scope.equals(expected)) {
            throw new BundleSignatureException("scope '" + scope + "' does not match '" + expected + "'");
        }
        if (!payload.path("files").isArray()) {
            throw malformed("payload has no files list");
        }
        return payload;
    }

    private static JsonNode jsonPart(String part, String what) {
        try {
            JsonNode node = JSON.readTree(decode(part));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw malformed("JWT " + what + " is not a JSON object");
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("JWT is not base64url");
        }
    }

    private static BundleSignatureException malformed(String reason) {
        return new BundleSignatureException(SIGNATURES_FILE + ": " + reason);
    }

    /** Whether an {@code exclude_files} pattern (Go's filepath.Match syntax) matches the file. */
    private static boolean excluded(String name, VerificationConfig config) {
        for (String pattern : config.excludeFiles()) {
            if (glob(pattern).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0) {
                    regex.append("\\[");
                    continue;
                }
                String set = pattern.substring(i + 1, end).replace("\\", "\\\\");
                regex.append('[').append(set.startsWith("^") ? "^" + set.substring(1) : set).append(']');
                i = end;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
