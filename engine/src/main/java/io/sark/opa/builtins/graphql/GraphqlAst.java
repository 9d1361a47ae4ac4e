package io.sark.opa.builtins.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectiveLocation;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import io.sark.opa.builtins.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed GraphQL document as OPA's {@code graphql.*} builtins return it: the JSON of Go's gqlparser AST
 * (its field names: {@code Operations}, {@code SelectionSet}, {@code Kind}, ...) after OPA's pruning, which
 * drops {@code Position}, nulls and empty arrays and objects but keeps empty strings, {@code false} and
 * {@code 0}. Field aliases default to the field name and value kinds are gqlparser's numbers, as there.
 */
final class GraphqlAst {
    private GraphqlAst() {}

    /** gqlparser's {@code ValueKind} numbers. */
    private static final int VARIABLE = 0, INT = 1, FLOAT = 2, STRING = 3, BLOCK = 4, BOOLEAN = 5, NULL = 6, ENUM = 7,
            LIST = 8, OBJECT = 9;

    static JsonNode query(Document document) {
        ObjectNode doc = object();
        ArrayNode operations = doc.putArray("Operations");
        ArrayNode fragments = doc.putArray("Fragments");
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition op) {
                ObjectNode o = operations.addObject();
                o.put("Operation", op.getOperation().name().toLowerCase(Locale.ROOT));
                o.put("Name", op.getName() == null ? "" : op.getName());
                o.set("VariableDefinitions", list(op.getVariableDefinitions(), GraphqlAst::variable));
                o.set("Directives", directives(op.getDirectives()));
                o.set("SelectionSet", selections(op.getSelectionSet()));
            } else if (definition instanceof FragmentDefinition fragment) {
                ObjectNode f = fragments.addObject();
                f.put("Name", fragment.getName());
                f.set("VariableDefinition", list(GraphqlFragmentVariables.of(fragment), GraphqlAst::variable));
                f.put("TypeCondition", fragment.getTypeCondition().getName());
                f.set("Directives", directives(fragment.getDirectives()));
                f.set("SelectionSet", selections(fragment.getSelectionSet()));
            }
        }
        return prune(doc);
    }

    static JsonNode schema(Document document) {
        ObjectNode doc = object();
        ArrayNode schemas = doc.putArray("Schema");
        ArrayNode schemaExtensions = doc.putArray("SchemaExtension");
        ArrayNode directives = doc.putArray("Directives");
        ArrayNode definitions = doc.putArray("Definitions");
        ArrayNode extensions = doc.putArray("Extensions");
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof SchemaDefinition schema) {
                ObjectNode s = (schema instanceof SchemaExtensionDefinition ? schemaExtensions : schemas).addObject();
                s.put("Description", description(schema.getDescription()));
                s.set("Directives", directives(schema.getDirectives()));
                s.set("OperationTypes", list(schema.getOperationTypeDefinitions(), GraphqlAst::operationType));
            } else if (definition instanceof DirectiveDefinition directive) {
                ObjectNode d = directives.addObject();
                d.put("Description", description(directive.getDescription()));
                d.put("Name", directive.getName());
                d.set("Arguments", list(directive.getInputValueDefinitions(), GraphqlAst::inputValue));
                ArrayNode locations = d.putArray("Locations");
                for (DirectiveLocation location : directive.getDirectiveLocations()) {
                    locations.add(location.getName());
                }
                d.put("IsRepeatable", directive.isRepeatable());
            } else if (definition instanceof TypeDefinition<?> type) {
                (definition instanceof SDLExtensionDefinition ? extensions : definitions).add(typeDefinition(type));
            }
        }
        return prune(doc);
    }

    private static ObjectNode typeDefinition(TypeDefinition<?> type) {
        ObjectNode d = object();
        d.put("Kind", kind(type));
        d.put("Description", "");
        d.put("Name", type.getName());
        d.set("Directives", directives(type.getDirectives()));
        ArrayNode interfaces = d.putArray("Interfaces");
        ArrayNode types = d.putArray("Types");
        if (type instanceof ObjectTypeDefinition object) {
            d.put("Description", description(object.getDescription()));
            object.getImplements().forEach(i -> interfaces.add(typeName(i)));
            d.set("Fields", list(object.getFieldDefinitions(), GraphqlAst::field));
        } else if (type instanceof InterfaceTypeDefinition iface) {
            d.put("Description", description(iface.getDescription()));
            iface.getImplements().forEach(i -> interfaces.add(typeName(i)));
            d.set("Fields", list(iface.getFieldDefinitions(), GraphqlAst::field));
        } else if (type instanceof UnionTypeDefinition union) {
            d.put("Description", description(union.getDescription()));
            union.getMemberTypes().forEach(t -> types.add(typeName(t)));
        } else if (type instanceof EnumTypeDefinition enumType) {
            d.put("Description", description(enumType.getDescription()));
            d.set("EnumValues", list(enumType.getEnumValueDefinitions(), GraphqlAst::enumValue));
        } else if (type instanceof InputObjectTypeDefinition input) {
            d.put("Description", description(input.getDescription()));
            d.set("Fields", list(input.getInputValueDefinitions(), GraphqlAst::inputValue));
        } else if (type instanceof ScalarTypeDefinition scalar) {
            d.put("Description", description(scalar.getDescription()));
        }
        d.put("BuiltIn", false);
        return d;
    }

    /** gqlparser's {@code DefinitionKind}. */
    private static String kind(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition) {
            return "OBJECT";
        } else if (type instanceof InterfaceTypeDefinition) {
            return "INTERFACE";
        } else if (type instanceof UnionTypeDefinition) {
            return "UNION";
        } else if (type instanceof EnumTypeDefinition) {
            return "ENUM";
        } else if (type instanceof InputObjectTypeDefinition) {
            return "INPUT_OBJECT";
        }
        return "SCALAR";
    }

    private static ObjectNode field(FieldDefinition field) {
        ObjectNode f = object();
        f.put("Description", description(field.getDescription()));
        f.put("Name", field.getName());
        f.set("Arguments", list(field.getInputValueDefinitions(), GraphqlAst::inputValue));
        f.set("Type", type(field.getType()));
        f.set("Directives", directives(field.getDirectives()));
        return f;
    }

    private static ObjectNode inputValue(InputValueDefinition input) {
        ObjectNode a = object();
        a.put("Description", description(input.getDescription()));
        a.put("Name", input.getName());
        a.set("DefaultValue", value(input.getDefaultValue()));
        a.set("Type", type(input.getType()));
        a.set("Directives", directives(input.getDirectives()));
        return a;
    }

    private static ObjectNode enumValue(EnumValueDefinition value) {
        ObjectNode e = object();
        e.put("Description", description(value.getDescription()));
        e.put("Name", value.getName());
        e.set("Directives", directives(value.getDirectives()));
        return e;
    }

    private static ObjectNode operationType(OperationTypeDefinition operation) {
        ObjectNode o = object();
        o.put("Operation", operation.getName());
        o.put("Type", typeName(operation.getTypeName()));
        return o;
    }

    private static ObjectNode variable(VariableDefinition variable) {
        ObjectNode v = object();
        v.put("Variable", variable.getName());
        v.set("Type", type(variable.getType()));
        v.set("DefaultValue", value(variable.getDefaultValue()));
        v.set("Directives", directives(variable.getDirectives()));
        v.put("Used", false); // set by gqlparser's validator, which runs after OPA takes the AST
        return v;
    }

    private static ArrayNode selections(SelectionSet set) {
        ArrayNode out = Json.NODES.arrayNode();
        if (set == null) {
            return out;
        }
        for (Selection<?> selection : set.getSelections()) {
            ObjectNode s = out.addObject();
            if (selection instanceof Field field) {
                s.put("Alias", field.getAlias() == null ? field.getName() : field.getAlias());
                s.put("Name", field.getName());
                s.set("Arguments", list(field.getArguments(), GraphqlAst::argument));
                s.set("Directives", directives(field.getDirectives()));
                s.set("SelectionSet", selections(field.getSelectionSet()));
            } else if (selection instanceof FragmentSpread spread) {
                s.put("Name", spread.getName());
                s.set("Directives", directives(spread.getDirectives()));
            } else if (selection instanceof InlineFragment inline) {
                s.put("TypeCondition", inline.getTypeCondition() == null ? "" : typeName(inline.getTypeCondition()));
                s.set("Directives", directives(inline.getDirectives()));
                s.set("SelectionSet", selections(inline.getSelectionSet()));
            }
        }
        return out;
    }

    private static ArrayNode directives(List<Directive> directives) {
        return list(directives, directive -> {
            ObjectNode d = object();
            d.put("Name", directive.getName());
            d.set("Arguments", list(directive.getArguments(), GraphqlAst::argument));
            d.put("Location", ""); // filled in by gqlparser's validator only
            return d;
        });
    }

    private static ObjectNode argument(Argument argument) {
        ObjectNode a = object();
        a.put("Name", argument.getName());
        a.set("Value", value(argument.getValue()));
        return a;
    }

    /** gqlparser's {@code Type}: a named type, or a list of {@code Elem}, either possibly non-null. */
    private static ObjectNode type(Type<?> type) {
        ObjectNode t = object();
        boolean nonNull = type instanceof NonNullType;
        Type<?> inner = nonNull ? ((NonNullType) type).getType() : type;
        if (inner instanceof ListType list) {
            t.put("NamedType", "");
            t.set("Elem", type(list.getType()));
        } else {
            t.put("NamedType", typeName(inner));
        }
        t.put("NonNull", nonNull);
        return t;
    }

    private static JsonNode value(Value<?> value) {
        if (value == null) {
            return null;
        }
        ObjectNode v = object();
        ArrayNode children = Json.NODES.arrayNode();
        int kind;
        String raw = "";
        if (value instanceof VariableReference variable) {
            kind = VARIABLE;
            raw = variable.getName();
        } else if (value instanceof IntValue number) {
            kind = INT;
            raw = number.getValue().toString();
        } else if (value instanceof FloatValue number) {
            kind = FLOAT;
            raw = number.getValue().toString();
        } else if (value instanceof StringValue string) {
            kind = GraphqlBlockStrings.isBlock(string) ? BLOCK : STRING;
            raw = string.getValue();
        } else if (value instanceof BooleanValue bool) {
            kind = BOOLEAN;
            raw = Boolean.toString(bool.isValue());
        } else if (value instanceof NullValue) {
            kind = NULL;
            raw = "null";
        } else if (value instanceof EnumValue enumValue) {
            kind = ENUM;
            raw = enumValue.getName();
        } else if (value instanceof ArrayValue array) {
            kind = LIST;
            for (Value<?> element : array.getValues()) {
                children.addObject().put("Name", "").set("Value", value(element));
            }
        } else {
            kind = OBJECT;
            for (ObjectField field : ((ObjectValue) value).getObjectFields()) {
                children.addObject().put("Name", field.getName()).set("Value", value(field.getValue()));
            }
        }
        v.put("Raw", raw);
        v.set("Children", children);
        v.put("Kind", kind);
        // gqlparser v2.5's ast.Value has this field, which OPA 1.x's pruning keeps (false is neither null nor empty);
        // only the validator sets it, and OPA converts the AST before validating
        v.put("ExpectedTypeHasDefault", false);
        return v;
    }

    private static String typeName(Type<?> type) {
        return ((TypeName) type).getName();
    }

    private static String description(graphql.language.Description description) {
        return description == null ? "" : description.getContent();
    }

    private static <T> ArrayNode list(List<T> items, Function<T, JsonNode> convert) {
        ArrayNode out = Json.NODES.arrayNode();
        items.forEach(item -> out.add(convert.apply(item)));
        return out;
    }

    private static ObjectNode object() {
        return Json.NODES.objectNode();
    }

    /** OPA's pruning: no nulls, no empty arrays or objects (after pruning their contents), no Position. */
    static JsonNode prune(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = object();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode kept = "Position".equals(field.getKey()) ? null : prunedMember(field.getValue());
                if (kept != null) {
                    out.set(field.getKey(), kept);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            for (JsonNode element : node) {
                JsonNode kept = prunedMember(element);
                if (kept != null) {
                    out.add(kept);
                }
            }
            return out;
        }
        return node;
    }

    private static JsonNode prunedMember(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode pruned = prune(value);
        return pruned.isContainerNode() && pruned.isEmpty() ? null : pruned;
    }
}
