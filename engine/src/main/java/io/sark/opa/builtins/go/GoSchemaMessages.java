package io.sark.opa.builtins.go;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import io.sark.opa.builtins.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The wording of gojsonschema's DefaultLocale (xeipuuv/gojsonschema locales.go, which OPA's
 * internal/gojsonschema uses) for networknt's validation messages. Keywords without a mapping keep
 * networknt's text.
 */
public final class GoSchemaMessages {
    private GoSchemaMessages() {}

    /** gojsonschema's JSON_TYPES, in its order. */
    private static final List<String> JSON_TYPES = List.of("array", "boolean", "integer", "number", "null", "object", "string");

    /** The description gojsonschema gives a failed keyword, or null when there is no mapping. */
    public static String description(ValidationMessage m, String field) {
        JsonNode schema = m.getSchemaNode();
        String value = schema == null ? "" : schema.isValueNode() ? schema.asText() : schema.toString();
        return switch (m.getType()) {
            case "type" -> "Invalid type. Expected: " + expectedTypes(schema) + ", given: " + givenType(m.getInstanceNode());
            case "required" -> m.getProperty() + " is required";
            case "enum" -> field + " must be one of the following: " + allowed(schema);
            case "additionalProperties" -> "Additional property " + m.getProperty() + " is not allowed";
            case "anyOf" -> "Must validate at least one schema (anyOf)";
            case "oneOf" -> "Must validate one and only one schema (oneOf)";
            case "allOf" -> "Must validate all the schemas (allOf)";
            case "not" -> "Must not validate the schema (not)";
            case "minItems" -> "Array must have at least " + value + " items";
            case "maxItems" -> "Array must have at most " + value + " items";
            case "minProperties" -> "Must have at least " + value + " properties";
            case "maxProperties" -> "Must have at most " + value + " properties";
            case "minLength" -> "String length must be greater than or equal to " + value;
            case "maxLength" -> "String length must be less than or equal to " + value;
            case "pattern" -> "Does not match pattern '" + value + "'";
            case "format" -> "Does not match format '" + value + "'";
            case "multipleOf" -> "Must be a multiple of " + value;
            case "minimum" -> "Must be greater than or equal to " + value;
            case "maximum" -> "Must be less than or equal to " + value;
            case "exclusiveMinimum" -> schema != null && schema.isNumber() ? "Must be greater than " + value : null;
            case "exclusiveMaximum" -> schema != null && schema.isNumber() ? "Must be less than " + value : null;
            default -> null;
        };
    }

    /**
     * gojsonschema checks a schema's {@code type} while reading it (schema.go); its wording for a type name
     * outside JSON_TYPES, found among the meta-schema's complaints, or null.
     */
    public static String invalidSchema(Set<ValidationMessage> problems) {
        for (ValidationMessage m : problems) {
            JsonNodePath at = m.getInstanceLocation();
            JsonNode node = m.getInstanceNode();
            if (at == null || node == null || !node.isTextual() || JSON_TYPES.contains(node.textValue())) {
                continue;
            }
            int last = at.getNameCount() - 1;
            boolean isType = last >= 0 && ("type".equals(at.getName(last))
                    || (at.getElement(last) instanceof Integer && last > 0 && "type".equals(at.getName(last - 1))));
            if (isType) {
                return "has a primitive type that is NOT VALID -- given: /" + node.textValue()
                        + "/ Expected valid values are:[" + String.join(" ", JSON_TYPES) + "]";
            }
        }
        return null;
    }

    /** jsonSchemaType.String(): one type as is, several as [a,b]. */
    private static String expectedTypes(JsonNode schema) {
        if (schema != null && schema.isArray()) {
            List<String> types = new ArrayList<>();
            schema.forEach(t -> types.add(t.asText()));
            return types.size() == 1 ? types.get(0) : "[" + String.join(",", types) + "]";
        }
        return schema == null ? "undefined" : schema.asText();
    }

    /** gojsonschema names an integral number "integer". */
    private static String givenType(JsonNode instance) {
        if (instance == null || instance.isNull()) {
            return "null";
        }
        if (instance.isNumber()) {
            return instance.isIntegralNumber() || instance.decimalValue().stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        return instance.isTextual() ? "string" : instance.isBoolean() ? "boolean" : instance.isArray() ? "array" : "object";
    }

    /** The enum's values as JSON, joined by ", ". */
    private static String allowed(JsonNode schema) {
        List<String> values = new ArrayList<>();
        if (schema != null) {
            schema.forEach(v -> values.add(Json.write(v)));
        }
        return String.join(", ", values);
    }

    /**
     * gojsonschema's uniqueItems check (validation.go): one "array items[i,j] must be unique" per item j equal to an
     * earlier one, i being the last earlier index of that value; numbers compare by value, as its marshalWithoutNumber.
     */
    public static List<String> duplicateItems(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (int j = 1; j < array.size(); j++) {
            for (int i = j - 1; i >= 0; i--) {
                if (array.get(i).equals(NUMBERS_BY_VALUE, array.get(j))) {
                    out.add("array items[" + i + "," + j + "] must be unique");
                    break;
                }
            }
        }
        return out;
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;
}
