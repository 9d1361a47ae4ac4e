package io.sark.opa.builtins.go;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** JSON text as Go's encoding/json writes it: sorted keys, HTML-safe escapes, optional prefix and indent. */
public final class GoJson {
    private GoJson() {}

    public static String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out, null, null, 0);
        return out.toString();
    }

    /** json.MarshalIndent: every new line starts with {@code prefix}, nesting repeats {@code indent}. */
    public static String writeIndented(JsonNode value, String prefix, String indent) {
        StringBuilder out = new StringBuilder();
        write(value, out, prefix, indent, 0);
        return out.toString();
    }

    private static void newline(StringBuilder out, String prefix, String indent, int depth) {
        out.append('\n').append(prefix);
        out.append(indent.repeat(depth));
    }

    private static void write(JsonNode v, StringBuilder out, String prefix, String indent, int depth) {
        boolean pretty = indent != null;
        if (v.isObject()) {
            List<String> keys = new ArrayList<>();
            v.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            if (keys.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (pretty) {
                    newline(out, prefix, indent, depth + 1);
                }
                string(keys.get(i), out);
                out.append(pretty ? ": " : ":");
                write(v.get(keys.get(i)), out, prefix, indent, depth + 1);
            }
            if (pretty) {
                newline(out, prefix, indent, depth);
            }
            out.append('}');
        } else if (v.isArray()) {
            if (v.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (pretty) {
                    newline(out, prefix, indent, depth + 1);
                }
                write(v.get(i), out, prefix, indent, depth + 1);
            }
            if (pretty) {
                newline(out, prefix, indent, depth);
            }
            out.append(']');
        } else if (v.isTextual()) {
            string(v.textValue(), out);
        } else if (v.isNumber()) {
            out.append(number(v));
        } else if (v.isBoolean()) {
            out.append(v.booleanValue());
        } else {
            out.append("null");
        }
    }

    /**
     * A number's text: OPA hands Go a json.Number, the term's literal (ast.JSON in v1/ast/term.go), which
     * encoding/json writes as it is, so 1.50 stays 1.50 and 2e2 stays 2e2.
     */
    public static String number(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        return v.decimalValue().toString().toLowerCase(Locale.ROOT).replace("e+", "e");
    }

    static void string(String s, StringBuilder out) {
        string(s, out, true);
    }

    /** A JSON string; {@code escapeHtml} false is Go's {@code Encoder.SetEscapeHTML(false)}. */
    public static void string(String s, StringBuilder out, boolean escapeHtml) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20 || escapeHtml && (c == '<' || c == '>' || c == '&')) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
