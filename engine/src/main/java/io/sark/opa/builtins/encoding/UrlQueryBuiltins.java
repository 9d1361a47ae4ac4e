package io.sark.opa.builtins.encoding;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.BuiltinTypeException;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.Values;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code urlquery.*}: Go's url.QueryEscape / QueryUnescape / Values.Encode / ParseQuery. */
public final class UrlQueryBuiltins {
    private UrlQueryBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("urlquery.encode", 1, (ctx, a) -> Json.text(escape(a.string(0)))),
                Operands.builtin("urlquery.decode", 1, (ctx, a) -> Json.text(unescape(a.builtin(), a.string(0)))),
                Operands.builtin("urlquery.encode_object", 1, (ctx, a) -> Json.text(encodeObject(a.object(0)))),
                Operands.builtin("urlquery.decode_object", 1, (ctx, a) -> decodeObject(a.string(0))));
    }

    /** Go's QueryEscape: unreserved characters stay, space becomes '+', every other byte %XX. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    static String unescape(String name, String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    String bad = s.substring(i, Math.min(s.length(), i + 3));
                    throw new BuiltinException(name + ": invalid URL escape \"" + bad + "\"");
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String encodeObject(ObjectNode o) {
        TreeMap<String, List<String>> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) o::fields) {
            List<String> list = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                list.add(v.textValue());
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        throw new BuiltinTypeException("urlquery.encode_object: operand 1 values must be strings, arrays of strings or sets of strings");
                    }
                    list.add(item.textValue());
                }
            } else {
                throw new BuiltinTypeException("urlquery.encode_object: operand 1 values must be strings, arrays of strings or sets of strings");
            }
            values.put(e.getKey(), list);
        }
        StringBuilder out = new StringBuilder();
        values.forEach((k, list) -> list.forEach(v -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(escape(k)).append('=').append(escape(v));
        }));
        return out.toString();
    }

    static JsonNode decodeObject(String query) {
        String name = "urlquery.decode_object";
        ObjectNode out = Json.object();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.contains(";")) {
                throw new BuiltinException(name + ": invalid semicolon separator in query");
            }
            int eq = pair.indexOf('=');
            String key = unescape(name, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(name, pair.substring(eq + 1));
            JsonNode existing = out.get(key);
            ArrayNode list = existing == null ? out.putArray(key) : (ArrayNode) existing;
            list.add(value);
        }
        return out;
    }
}
