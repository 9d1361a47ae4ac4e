package io.sark.opa.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes, from input handed over as Java objects ({@code Map}, {@code List}, Jackson nodes, JSON scalars), the JSON
 * text of only the parts an entrypoint reads: the text {@link OpaPolicy#inputAsRead(String, byte[])} would make of the
 * application mapper's text of the whole input, without writing that text. The parts not read are still checked, so
 * that a result never depends on what was left out: whenever this cannot tell for sure that the whole text would be
 * accepted (a type it does not know, a number JSON cannot carry, a key that is not a string or may pass the limit on
 * names, nesting past the host's limit, a size that may pass the policy's limit), it answers {@code null} and the
 * caller writes the whole input. Strings and numbers are written by a generator of the application's mapper, so they come out as that mapper writes
 * them; mapper settings that change how maps, lists or nodes are written turn this off.
 */
public final class ObjectInputProjector {

    /** Thrown (without a stack) to give up on the objects and have the caller write the whole input. */
    private static final class Unsure extends RuntimeException {
        Unsure() {
            super(null, null, false, false);
        }
    }

    private static final Unsure UNSURE = new Unsure();

    private final ObjectMapper mapper;
    private final UnaryOperator<Object> containers;
    private final boolean usable;

    /**
     * @param mapper     the mapper that writes the whole input
     * @param containers turns a host's own JSON containers (Vert.x {@code JsonObject}) into the {@code Map} or
     *                   {@code List} they hold; any other value as it is
     */
    public ObjectInputProjector(ObjectMapper mapper, UnaryOperator<Object> containers) {
        this.mapper = mapper;
        this.containers = containers;
        this.usable = writesPlainJson(mapper);
    }

    /** Whether {@code mapper} writes maps, lists, nodes and scalars as plain compact JSON, in their own order. */
    private static boolean writesPlainJson(ObjectMapper mapper) {
        SerializationConfig config = mapper.getSerializationConfig();
        JsonInclude.Value inclusion = config.getDefaultPropertyInclusion(Map.class);
        if (config.isEnabled(SerializationFeature.INDENT_OUTPUT)
                || config.isEnabled(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                || config.isEnabled(SerializationFeature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED)
                || !config.isEnabled(JsonNodeFeature.WRITE_NULL_PROPERTIES)
                || config.isEnabled(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                || !includesAll(inclusion.getValueInclusion()) || !includesAll(inclusion.getContentInclusion())) {
            return false;
        }
        try (JsonGenerator generator = mapper.createGenerator(new ByteArrayBuilder())) {
            return generator.getPrettyPrinter() == null
                    && !generator.isEnabled(JsonGenerator.Feature.WRITE_NUMBERS_AS_STRINGS)
                    && !generator.isEnabled(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    && !generator.isEnabled(JsonGenerator.Feature.ESCAPE_NON_ASCII);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean includesAll(JsonInclude.Include include) {
        return include == JsonInclude.Include.ALWAYS || include == JsonInclude.Include.USE_DEFAULTS;
    }

    /**
     * The JSON text of the parts of {@code input} that {@code entrypoint} of {@code policy} reads, checked as the host's
     * scan would check the whole text, or {@code null} when the caller must write the whole input instead: the
     * entrypoint reads all of it, or the objects are not ones this can vouch for (see the class comment).
     */
    public InputAsRead inputAsRead(OpaPolicy policy, String entrypoint, Object input) {
        InputPaths.Node reads = policy.inputPaths().of(entrypoint);
        if (!usable || input == null || reads.whole()) {
            return null;
        }
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator out = mapper.createGenerator(bytes)) {
            new Walk(out, policy.maxInputBytes).value(input, reads, 0);
        } catch (Unsure | IOException e) {
            return null; // writing all of it says what is wrong, if anything is
        }
        return InputAsRead.checked(bytes.toByteArray()); // as the scan of the whole text would cut it
    }

    /**
     * One walk over the objects. A value's node says what to write: {@code null} for a part not read (only checked),
     * {@link InputPaths.Node#whole() whole} for one written whole, else an object written with only the keys named
     * (an array read in part becomes {@code []}, as {@link InputScanner} makes it).
     */
    private final class Walk {
        private final JsonGenerator out;
        private final long maxBytes;
        /** At least as many bytes as the mapper's text of what the walk has passed: strings count 6 per char. */
        private long bound;

        Walk(JsonGenerator out, long maxBytes) {
            this.out = out;
            this.maxBytes = maxBytes;
        }

        private void count(long bytes) {
            bound += bytes;
            if (bound > maxBytes) {
                throw UNSURE; // the whole text may be past the limit: it is written, measured and refused as always
            }
        }

        void value(Object value, InputPaths.Node node, int depth) throws IOException {
            if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                // most values, told by class checks: the conversion and interface checks below, made first, tripled
                // the walk of a 20-field request (JMH)
                scalar(value, node != null);
                return;
            }
            Object plain = containers.apply(value);
            if (plain instanceof Map<?, ?> map) {
                object(map.entrySet().iterator(), node, depth + 1);
            } else if (plain instanceof List<?> list) {
                array(list.iterator(), node, depth + 1);
            } else if (plain instanceof JsonNode json && json.isObject()) {
                object(json.fields(), node, depth + 1);
            } else if (plain instanceof JsonNode json && json.isArray()) {
                array(json.elements(), node, depth + 1);
            } else if (plain instanceof JsonNode json) {
                scalar(scalarOf(json), node != null);
            } else {
                scalar(plain, node != null);
            }
        }

        private void object(Iterator<? extends Map.Entry<?, ?>> members, InputPaths.Node node, int depth)
                throws IOException {
            nest(depth);
            if (node != null) {
                out.writeStartObject();
            }
            while (members.hasNext()) {
                Map.Entry<?, ?> member = members.next();
                if (!(member.getKey() instanceof String key)) {
                    throw UNSURE; // the mapper's key serializers decide how other keys read
                }
                if (key.length() > InputScanner.MAX_NAME_BYTES / 3) {
                    throw UNSURE; // its UTF-8 may pass the scan's limit on names, which refuses the whole text
                }
                count(2 + 6L * key.length() + 2);
                InputPaths.Node child = node == null ? null : node.whole() ? node : node.children().get(key);
                if (child != null) {
                    key(key);
                }
                value(member.getValue(), child, depth);
            }
            if (node != null) {
                out.writeEndObject();
            }
        }

        private void array(Iterator<?> elements, InputPaths.Node node, int depth) throws IOException {
            nest(depth);
            if (node != null) {
                out.writeStartArray();
            }
            InputPaths.Node child = node != null && node.whole() ? node : null;
            while (elements.hasNext()) {
                count(1);
                value(elements.next(), child, depth);
            }
            if (node != null) {
                out.writeEndArray();
            }
        }

        private void key(String key) throws IOException {
            for (int i = 0; i < key.length(); i++) {
                if (Character.isSurrogate(key.charAt(i))) {
                    throw UNSURE; // a projection of text writes such keys unescaped, the generator escaped
                }
            }
            out.writeFieldName(key);
        }

        private void nest(int depth) {
            if (depth > JsonText.MAX_INPUT_DEPTH) {
                throw UNSURE; // also how a map that holds itself ends here
            }
            count(2);
        }

        private void scalar(Object value, boolean write) throws IOException {
            if (value == null) {
                count(4);
                if (write) {
                    out.writeNull();
                }
            } else if (value instanceof String text) {
                count(2 + 6L * text.length()); // at most \\uXXXX per char
                if (write) {
                    out.writeString(text);
                }
            } else if (value instanceof Boolean bool) {
                count(5);
                if (write) {
                    out.writeBoolean(bool);
                }
            } else if (value instanceof Number number) {
                number(number, write);
            } else {
                throw UNSURE;
            }
        }

        // each as the mapper's own serializer for the type writes it
        private void number(Number number, boolean write) throws IOException {
            if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
                count(11);
                if (write) {
                    out.writeNumber(number.intValue());
                }
            } else if (number instanceof Long) {
                count(20);
                if (write) {
                    out.writeNumber(number.longValue());
                }
            } else if (number instanceof Double || number instanceof Float) {
                if (!Double.isFinite(number.doubleValue())) {
                    throw UNSURE; // written as the mapper's settings say, never as a JSON number
                }
                count(25);
                if (write && number instanceof Float) {
                    out.writeNumber(number.floatValue());
                } else if (write) {
                    out.writeNumber(number.doubleValue());
                }
            } else if (number instanceof BigInteger big) {
                count(big.bitLength() / 3 + 2);
                if (write) {
                    out.writeNumber(big);
                }
            } else if (number instanceof BigDecimal decimal) {
                long exponent = (long) decimal.precision() - 1 - decimal.scale();
                if (Math.abs(exponent) >= 100_000) {
                    throw UNSURE; // its text may have more exponent digits than the host reads
                }
                count(decimal.precision() + 20L); // sign, point, exponent or leading zeros
                if (write) {
                    out.writeNumber(decimal);
                }
            } else {
                throw UNSURE;
            }
        }
    }

    /** A Jackson value node as the Java value its serializer writes the same way. */
    private static Object scalarOf(JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isNumber()) {
            return node.numberValue();
        }
        return node; // missing, binary or POJO nodes: not plain JSON
    }
}
