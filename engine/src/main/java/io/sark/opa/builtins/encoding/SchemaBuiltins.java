package io.sark.opa.builtins.encoding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.CompiledCache;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.go.GoCombinators;
import io.sark.opa.builtins.go.GoSchemaMessages;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.SetNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code json.verify_schema} and {@code json.match_schema} on networknt's validator (drafts 4 to 2020-12,
 * draft 7 when the schema names none). Remote {@code $ref}s are refused: a decision never fetches.
 * Validity matches OPA; error texts are gojsonschema's where {@link GoSchemaMessages} maps them, in OPA's
 * result shape ({@code error}, {@code type}, {@code field}, {@code desc}).
 */
public final class SchemaBuiltins {
    private SchemaBuiltins() {}

    private static final CompiledCache<Object> CACHE = new CompiledCache<>();

    /** networknt's keyword to the error type name OPA's Go library reports. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("type", "invalid_type"), Map.entry("required", "required"), Map.entry("enum", "enum"),
            Map.entry("const", "const"), Map.entry("minimum", "number_gte"), Map.entry("maximum", "number_lte"),
            Map.entry("exclusiveMinimum", "number_gt"), Map.entry("exclusiveMaximum", "number_lt"),
            Map.entry("minLength", "string_gte"), Map.entry("maxLength", "string_lte"), Map.entry("pattern", "pattern"),
            Map.entry("additionalProperties", "additional_property_not_allowed"), Map.entry("format", "format"),
            Map.entry("minItems", "array_min_items"), Map.entry("maxItems", "array_max_items"),
            Map.entry("uniqueItems", "unique"), Map.entry("multipleOf", "multiple_of"), Map.entry("anyOf", "number_any_of"),
            Map.entry("oneOf", "number_one_of"), Map.entry("allOf", "number_all_of"), Map.entry("not", "number_not"),
            Map.entry("minProperties", "array_min_properties"), Map.entry("maxProperties", "array_max_properties"),
            Map.entry("dependencies", "missing_dependency"), Map.entry("contains", "contains"));

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("json.verify_schema", 1, (ctx, a) -> {
                    // A wrong operand is an answer here, not an error: [false, "jsonschema: ..."] (OPA's jsonschema.go).
                    Object compiled;
                    try {
                        compiled = compile(a.get(0));
                    } catch (IllegalArgumentException e) {
                        compiled = e.getMessage();
                    }
                    ArrayNode out = Json.array();
                    out.add(!(compiled instanceof String));
                    out.add(compiled instanceof String error ? Json.text("jsonschema: " + error) : Json.NODES.nullNode());
                    return out;
                }),
                Operands.builtin("json.match_schema", 2, (ctx, a) -> {
                    JsonNode document;
                    Object compiled;
                    try {
                        document = load(a.get(0));
                        compiled = compile(a.get(1));
                    } catch (IllegalArgumentException e) {
                        throw Args.error(a.builtin(), e.getMessage());
                    }
                    if (compiled instanceof String error) {
                        throw Args.error(a.builtin(), error);
                    }
                    Set<ValidationMessage> messages = ((JsonSchema) compiled).validate(document);
                    ArrayNode errors = Json.array();
                    for (GoCombinators.Failure f : GoCombinators.arrange(messages)) {
                        if (f.message() == null) {
                            String desc = f.combinator().equals("anyOf") ? "Must validate at least one schema (anyOf)"
                                    : "Must validate one and only one schema (oneOf)";
                            error(errors, field(f.instance()), TYPES.get(f.combinator()), desc);
                            continue;
                        }
                        ValidationMessage m = f.message();
                        String field = field(m.getInstanceLocation());
                        String type = TYPES.getOrDefault(m.getType(), m.getType());
                        if (m.getType().equals("uniqueItems")) {
                            GoSchemaMessages.duplicateItems(m.getInstanceNode()).forEach(d -> error(errors, field, type, d));
                            continue;
                        }
                        String go = GoSchemaMessages.description(m, field);
                        error(errors, field, type, go != null ? go : description(m));
                    }
                    ArrayNode out = Json.array();
                    out.add(errors.isEmpty());
                    out.add(errors);
                    return out;
                }));
    }

    private static void error(ArrayNode errors, String field, String type, String desc) {
        ObjectNode e = errors.addObject();
        e.put("error", field + ": " + desc);
        e.put("type", type);
        e.put("field", field);
        e.put("desc", desc);
    }

    /**
     * An operand as OPA's astValueToJSONSchemaLoader takes it: JSON text, an object or an array; anything else,
     * or text that is not JSON, is refused with OPA's reason.
     */
    private static JsonNode load(JsonNode operand) {
        if (operand != null && operand.isTextual()) {
            try {
                JsonNode parsed = Json.parse(operand.textValue());
                if (parsed != null && !parsed.isMissingNode()) {
                    return parsed;
                }
            } catch (JsonProcessingException e) {
                // reported below, in OPA's words
            }
            throw new IllegalArgumentException("invalid JSON string");
        }
        if (operand == null || !(operand.isObject() || (operand.isArray() && !(operand instanceof SetNode)))) {
            throw new IllegalArgumentException("wrong type, expected string or object");
        }
        return operand;
    }

    /** The compiled schema, or the reason it is not a valid schema. */
    private static Object compile(JsonNode operand) {
        JsonNode schema = load(operand);
        if (!schema.isObject() && !schema.isBoolean()) {
            // gojsonschema reads only an object or a boolean as a schema (draft.go parseSchemaURL).
            return "schema is invalid";
        }
        return CACHE.get(Json.write(schema), key -> compileNow(schema));
    }

    private static Object compileNow(JsonNode schema) {
        try {
            VersionFlag version = SpecVersionDetector.detectOptionalVersion(schema, false).orElse(VersionFlag.V7);
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(version, builder -> builder.schemaLoaders(loaders ->
                    // Bundled meta-schemas load from the classpath; anything else is refused before any fetch.
                    loaders.values(list -> list.add(0, iri -> iri.toString().startsWith("classpath:")
                            ? null : DisallowSchemaLoader.getInstance().getSchema(iri)))));
            JsonSchema meta = factory.getSchema(SchemaLocation.of(version.getId()));
            Set<ValidationMessage> problems = meta.validate(schema);
            if (!problems.isEmpty()) {
                String go = GoSchemaMessages.invalidSchema(problems);
                return go != null ? go : problems.iterator().next().getMessage();
            }
            JsonSchema compiled = factory.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** gojsonschema's field notation: "(root)", "a.b", "items.0". */
    private static String field(JsonNodePath at) {
        String path = at == null ? "$" : at.toString();
        if (path.equals("$")) {
            return "(root)";
        }
        return path.replaceFirst("^\\$\\.?", "").replaceAll("\\[(\\d+)]", ".$1").replaceAll("^\\.", "");
    }

    private static String description(ValidationMessage m) {
        String message = m.getMessage();
        String prefix = m.getInstanceLocation() == null ? null : m.getInstanceLocation().toString() + ": ";
        return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
