package io.sark.opa.signing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.encoding.GoYaml;
import io.sark.opa.builtins.go.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file digests of OPA's bundle signatures (OPA v1/bundle/hash.go): a structured file ({@code data.json},
 * {@code data.yaml}, {@code .manifest}) is parsed and hashed in a canonical JSON form, objects with their keys in
 * order and no whitespace, so its layout does not matter; any other file is hashed as its bytes.
 */
final class BundleHash {
    static final String DEFAULT_ALGORITHM = "SHA-256";

    private static final Map<String, String> JDK_NAMES = Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-224", "SHA-224",
            "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512", "SHA-512-224", "SHA-512/224",
            "SHA-512-256", "SHA-512/256");
    private static final JsonFactory JSON = new JsonFactory();
    /** Go sorts map keys by their UTF-8 bytes, which is code point order. */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private BundleHash() {}

    /** Whether OPA hashes this file (a path without leading slash) in canonical JSON form (IsStructuredDoc). */
    static boolean isStructured(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.equals("data.json") || base.equals("data.yaml") || base.equals(".manifest");
    }

    /** The hex digest of a file, or null when {@code algorithm} is not one OPA knows. */
    static String hex(String path, byte[] content, String algorithm) {
        String jdkName = JDK_NAMES.get(algorithm);
        if (jdkName == null) {
            return null;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
        byte[] bytes = isStructured(path) ? canonical(path, content) : content;
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    private static byte[] canonical(String path, byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf ? 3 : 0; // OPA strips a UTF-8 byte order mark
        StringBuilder out = new StringBuilder();
        try (JsonParser parser = JSON.createParser(content, start, content.length - start)) {
            parser.nextToken();
            writeJson(parser, out);
            if (parser.nextToken() != null) {
                throw new IOException("text after the JSON value");
            }
        } catch (IOException jsonError) {
            if (path.endsWith(".manifest") || path.endsWith(".json")) {
                throw new BundleSignatureException(path + ": not valid JSON, cannot be hashed");
            }
            out.setLength(0);
            writeYaml(path, new String(content, start, content.length - start, StandardCharsets.UTF_8), out);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Streams one JSON value; numbers keep their literal text, as Go's json.Number does. */
    private static void writeJson(JsonParser parser, StringBuilder out) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            TreeMap<String, String> members = new TreeMap<>(CODE_POINT_ORDER);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                StringBuilder value = new StringBuilder();
                writeJson(parser, value);
                members.put(name, value.toString()); // a repeated key keeps its last value, as in Go
            }
            writeMembers(members, out);
        } else if (token == JsonToken.START_ARRAY) {
            out.append('[');
            boolean first = true;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                out.append(first ? "" : ",");
                first = false;
                writeJson(parser, out);
            }
            out.append(']');
        } else if (token == JsonToken.VALUE_STRING) {
            GoJson.string(parser.getText(), out, false);
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
            out.append(parser.getText());
        } else {
            throw new IOException("not a JSON value");
        }
    }

    private static void writeMembers(Map<String, String> members, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            GoJson.string(member.getKey(), out, false);
            out.append(':').append(member.getValue());
        }
        out.append('}');
    }

    /** A YAML file as the JSON OPA makes of it ({@link GoYaml}), in canonical form. */
    private static void writeYaml(String path, String text, StringBuilder out) {
        JsonNode value;
        try {
            value = GoYaml.read(text);
        } catch (RuntimeException e) {
            throw new BundleSignatureException(path + ": not valid YAML, cannot be hashed");
        }
        writeNode(value, out);
    }

    private static void writeNode(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            TreeMap<String, String> members = new TreeMap<>(CODE_POINT_ORDER);
            value.fields().forEachRemaining(e -> {
                StringBuilder v = new StringBuilder();
                writeNode(e.getValue(), v);
                members.put(e.getKey(), v.toString());
            });
            writeMembers(members, out);
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> {
                StringBuilder v = new StringBuilder();
                writeNode(item, v);
                items.add(v.toString());
            });
            out.append('[').append(String.join(",", items)).append(']');
        } else if (value.isTextual()) {
            GoJson.string(value.textValue(), out, false);
        } else if (value.isNumber()) {
            // GoYaml writes floats as encoding/json does; a BigDecimal says 1E+21 where Go says 1e+21
            out.append(value.isBigDecimal() ? value.decimalValue().toString().replace('E', 'e') : value.asText());
        } else {
            out.append(value.asText()); // booleans, null
        }
    }
}
