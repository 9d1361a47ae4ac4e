package io.sark.opa.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.crypto.JwsAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Signs a bundle as {@code opa build --signing-key} does (OPA v1/bundle/sign.go): a JWT whose payload lists every
 * file with its SHA-256 digest, plus {@code keyid} (or the claims of a claims file), in {@code .signatures.json}.
 */
public final class BundleSigner {
    public static final String DEFAULT_ALGORITHM = "RS256";
    /** The key id {@code opa build} signs under unless told otherwise. */
    public static final String DEFAULT_KEY_ID = "default";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private BundleSigner() {}

    /**
     * The {@code .signatures.json} content for a bundle's files (keyed by path, with or without leading slash).
     * {@code key} is a PEM private key or an HMAC secret; {@code keyId} (may be null) goes in the JWT header and, as
     * OPA does, in a {@code keyid} claim unless {@code claims} (a JSON object, may be null) is given.
     */
    public static byte[] sign(Map<String, byte[]> files, String key, String algorithm, String keyId, byte[] claims) {
        JwsAlgorithm alg = SigningKeys.algorithm(algorithm == null ? DEFAULT_ALGORITHM : algorithm);
        ObjectNode payload = JSON.createObjectNode();
        ArrayNode listed = payload.putArray("files");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String name = BundleVerifier.name(file.getKey());
            if (!name.equals(BundleVerifier.SIGNATURES_FILE)) {
                listed.addObject().put("name", name)
                        .put("hash", BundleHash.hex(name, file.getValue(), BundleHash.DEFAULT_ALGORITHM))
                        .put("algorithm", BundleHash.DEFAULT_ALGORITHM);
            }
        }
        if (claims != null) {
            JsonNode extra = claims(claims);
            for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> claim = it.next();
                payload.set(claim.getKey(), claim.getValue());
            }
        } else if (keyId != null && !keyId.isEmpty()) {
            payload.put("keyid", keyId); // deprecated by OPA, kept for older verifiers
        }
        ObjectNode header = JSON.createObjectNode().put("alg", alg.name());
        if (keyId != null && !keyId.isEmpty()) {
            header.put("kid", keyId);
        }
        try {
            String input = base64(JSON.writeValueAsBytes(header)) + "." + base64(JSON.writeValueAsBytes(payload));
            byte[] signature = alg.sign(SigningKeys.signingKey(alg, key), input.getBytes(StandardCharsets.US_ASCII));
            String token = input + "." + base64(signature);
            // the layout of OPA's json.MarshalIndent(signatures, "", " ")
            return ("{\n \"signatures\": [\n  \"" + token + "\"\n ]\n}").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new BundleSignatureException("cannot sign the bundle: " + e.getMessage());
        }
    }

    private static JsonNode claims(byte[] claims) {
        try {
            JsonNode node = JSON.readTree(claims);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new BundleSignatureException("claims file: not a JSON object");
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
