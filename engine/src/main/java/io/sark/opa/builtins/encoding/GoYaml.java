package io.sark.opa.builtins.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.go.GoFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Loads YAML as OPA reads it: OPA converts YAML to JSON with sigs.k8s.io/yaml, which decodes with go-yaml v2, so
 * plain (unquoted) scalars resolve by YAML 1.1 rules (goyaml.v2/resolve.go): {@code yes}/{@code no}/{@code on}/
 * {@code off} are booleans, {@code 0x1F}, {@code 0o17}, {@code 017} and {@code 1_000} integers, {@code <<} merges
 * a mapping in. A tag go-yaml does not know, such as CloudFormation's {@code !Ref} or {@code !GetAtt}, does not stop
 * the load: a scalar under it keeps its text, a sequence or mapping reads as untagged.
 */
public final class GoYaml {
    private GoYaml() {}

    /** Plain scalars carry this tag until {@link #plain} resolves them. */
    private static final Tag PLAIN = new Tag("tag:sark.io,2025:plain");

    private static final Map<String, Object> WORDS = new HashMap<>();

    static {
        words(Boolean.TRUE, "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
        words(Boolean.FALSE, "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
        words(Double.NaN, ".nan", ".NaN", ".NAN");
        words(Double.POSITIVE_INFINITY, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
        words(Double.NEGATIVE_INFINITY, "-.inf", "-.Inf", "-.INF");
    }

    private static void words(Object value, String... words) {
        for (String w : words) {
            WORDS.put(w, value);
        }
    }

    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");

    private static final Schema SCHEMA = new Schema() {
        @Override
        public ScalarResolver getScalarResolver() {
            return (value, plain) -> !plain ? Tag.STR : "<<".equals(value) ? Tag.MERGE : PLAIN;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            Map<Tag, ConstructNode> constructors = new HashMap<>(new CoreSchema().getSchemaTagConstructors());
            constructors.put(PLAIN, node -> plain(((ScalarNode) node).getValue()));
            return constructors;
        }
    };

    /**
     * The document in {@code text} as the JSON OPA makes of it (sigs.k8s.io/yaml YAMLToJSON, then encoding/json).
     * Throws {@link YamlEngineException} when it is not YAML, or has no JSON form (a null key, an infinite number).
     */
    public static JsonNode read(String text) {
        return toJson(load(text));
    }

    /**
     * The schema to write YAML with: go-yaml v2 writes a string plainly only when it would read back as that string
     * (goyaml.v2/encode.go stringv), so {@code "yes"}, {@code "0644"} or {@code "2001-12-14"} are quoted.
     */
    static final Schema DUMP = new Schema() {
        @Override
        public ScalarResolver getScalarResolver() {
            return (value, plain) -> !plain ? Tag.STR : tagOf(value);
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    };

    private static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");
    private static final Pattern SEXAGESIMAL = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern TIME = Pattern.compile(
            "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})"
                    + "| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]+)?)?");

    /** The tag go-yaml v2 resolves the plain scalar {@code text} to. */
    static Tag tagOf(String text) {
        if ("<<".equals(text)) {
            return Tag.MERGE;
        }
        Object value = plain(text);
        if (value == null) {
            return Tag.NULL;
        } else if (value instanceof Boolean) {
            return Tag.BOOL;
        } else if (value instanceof Double) {
            return Tag.FLOAT;
        } else if (value instanceof Long || value instanceof BigInteger) {
            return Tag.INT;
        }
        return timestamp(text) || SEXAGESIMAL.matcher(text).matches() ? TIMESTAMP : Tag.STR;
    }

    /** A date, or date and time, that Go's time.Parse takes in one of go-yaml v2's layouts (resolve.go). */
    private static boolean timestamp(String text) {
        java.util.regex.Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            java.time.LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** The document in {@code text}: maps, lists, strings, booleans, longs, big integers, doubles, or null. */
    static Object load(String text) {
        LoadSettings settings = LoadSettings.builder().setSchema(SCHEMA).setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(50).build();
        return new Load(settings, new Constructor(settings)).loadFromString(text);
    }

    /** A plain scalar's value (goyaml.v2 resolve with no tag); a timestamp stays text, as go-yaml gives interface{}. */
    static Object plain(String in) {
        if (NULL.matcher(in).matches()) {
            return null;
        }
        Object word = WORDS.get(in);
        if (word != null) {
            return word;
        }
        char first = in.charAt(0);
        if (first == '.') {
            return decimal(in, in);
        }
        if (first != '+' && first != '-' && (first < '0' || first > '9')) {
            return in;
        }
        String digits = in.replace("_", "");
        BigInteger integer = integer(digits);
        if (integer != null) {
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        return decimal(digits, in);
    }

    /** {@code digits} as a double when it has the float form; out of double's range Go's ParseFloat fails: text. */
    private static Object decimal(String digits, String in) {
        if (!FLOAT.matcher(digits).matches()) {
            return in;
        }
        double d = Double.parseDouble(digits);
        return Double.isInfinite(d) ? in : d;
    }

    /** Go's strconv.ParseInt(s, 0, 64) syntax: a sign, then 0x, 0o, 0b or a leading 0 (octal), or decimal. */
    private static BigInteger integer(String s) {
        boolean negative = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            body = body.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            body = body.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            body = body.substring(2);
        } else if (body.length() > 1 && body.charAt(0) == '0') {
            radix = 8;
            body = body.substring(1);
        }
        int base = radix;
        if (body.isEmpty() || !body.chars().allMatch(c -> c < 128 && Character.digit(c, base) >= 0)) {
            return null;
        }
        BigInteger value = new BigInteger(body, base);
        return negative ? value.negate() : value;
    }

    private static JsonNode toJson(Object v) {
        if (v == null) {
            return Json.NODES.nullNode();
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = Json.object();
            map.forEach((k, value) -> {
                if (k == null) {
                    throw new YamlEngineException("unsupported map key of type: <nil>");
                }
                o.set(String.valueOf(k), toJson(value));
            });
            return o;
        }
        if (v instanceof List<?> list) {
            ArrayNode a = Json.array();
            list.forEach(item -> a.add(toJson(item)));
            return a;
        }
        if (v instanceof Boolean b) {
            return Json.bool(b);
        }
        if (v instanceof Integer || v instanceof Long) {
            return Json.number(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return Json.number(i);
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof byte[] bytes) {
            return Json.text(java.util.Base64.getEncoder().encodeToString(bytes));
        }
        return Json.text(String.valueOf(v));
    }

    /**
     * Go's encoding/json writes the shortest digits, 1e-6 <= |d| < 1e21 without an exponent and without a trailing
     * ".0", others as 1e+21 (a BigDecimal's text, but for the letter's case).
     */
    private static JsonNode number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new YamlEngineException("json: unsupported value: " + d);
        }
        BigDecimal shortest = GoFormat.shortest(d).stripTrailingZeros();
        boolean plain = d == 0 || Math.abs(d) >= 1e-6 && Math.abs(d) < 1e21;
        return Json.NODES.numberNode(plain ? new BigDecimal(shortest.toPlainString()) : shortest);
    }

    /** A tag go-yaml does not resolve leaves the value as it is, so the load goes on where SnakeYAML would stop. */
    private static final class Constructor extends StandardConstructor {
        Constructor(LoadSettings settings) {
            super(settings);
        }

        @Override
        protected Optional<ConstructNode> findConstructorFor(Node node) {
            Optional<ConstructNode> known = super.findConstructorFor(node);
            if (known.isPresent()) {
                return known;
            }
            switch (node.getNodeType()) {
                case SCALAR:
                    return Optional.of(n -> ((ScalarNode) n).getValue());
                case SEQUENCE:
                    return Optional.ofNullable(tagConstructors.get(Tag.SEQ));
                default:
                    return Optional.ofNullable(tagConstructors.get(Tag.MAP));
            }
        }
    }
}
