package io.sark.opa.builtins.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.BiConsumer;

/**
 * GraphQL text for an AST object in OPA's shape ({@link GraphqlAst}): the {@code graphql.*} builtins accept
 * a query or schema as text or as such an object, and the object is printed and parsed again so that one
 * parser and validator serve both. Fields the AST omits (pruned) print as absent.
 */
final class GraphqlAstPrinter {
    private GraphqlAstPrinter() {}

    static String query(JsonNode doc) {
        StringBuilder out = new StringBuilder();
        for (JsonNode op : doc.path("Operations")) {
            out.append(op.path("Operation").asText("query"));
            if (!op.path("Name").asText().isEmpty()) {
                out.append(' ').append(op.path("Name").asText());
            }
            parenthesised(op.path("VariableDefinitions"), (variable, o) -> {
                o.append('$').append(variable.path("Variable").asText()).append(": ");
                type(variable.path("Type"), o);
                defaultValue(variable, o);
                directives(variable.path("Directives"), o);
            }, out);
            directives(op.path("Directives"), out);
            selections(op.path("SelectionSet"), out);
            out.append('\n');
        }
        for (JsonNode fragment : doc.path("Fragments")) {
            out.append("fragment ").append(fragment.path("Name").asText())
                    .append(" on ").append(fragment.path("TypeCondition").asText());
            directives(fragment.path("Directives"), out);
            selections(fragment.path("SelectionSet"), out);
            out.append('\n');
        }
        return out.toString();
    }

    static String schema(JsonNode doc) {
        StringBuilder out = new StringBuilder();
        for (JsonNode directive : doc.path("Directives")) {
            description(directive, out);
            out.append("directive @").append(directive.path("Name").asText());
            arguments(directive.path("Arguments"), out);
            if (directive.path("IsRepeatable").asBoolean()) {
                out.append(" repeatable");
            }
            out.append(" on ");
            String separator = "";
            for (JsonNode location : directive.path("Locations")) {
                out.append(separator).append(location.asText());
                separator = " | ";
            }
            out.append('\n');
        }
        schemaDefinitions(doc.path("Schema"), "schema", out);
        schemaDefinitions(doc.path("SchemaExtension"), "extend schema", out);
        for (JsonNode definition : doc.path("Definitions")) {
            typeDefinition(definition, "", out);
        }
        for (JsonNode definition : doc.path("Extensions")) {
            typeDefinition(definition, "extend ", out);
        }
        return out.toString();
    }

    private static void schemaDefinitions(JsonNode schemas, String keyword, StringBuilder out) {
        for (JsonNode schema : schemas) {
            description(schema, out);
            out.append(keyword);
            directives(schema.path("Directives"), out);
            out.append(" {\n");
            for (JsonNode operation : schema.path("OperationTypes")) {
                out.append("  ").append(operation.path("Operation").asText()).append(": ")
                        .append(operation.path("Type").asText()).append('\n');
            }
            out.append("}\n");
        }
    }

    private static void typeDefinition(JsonNode definition, String extend, StringBuilder out) {
        String kind = definition.path("Kind").asText();
        description(definition, out);
        out.append(extend).append(switch (kind) {
            case "OBJECT" -> "type ";
            case "INTERFACE" -> "interface ";
            case "UNION" -> "union ";
            case "ENUM" -> "enum ";
            case "INPUT_OBJECT" -> "input ";
            case "SCALAR" -> "scalar ";
            default -> throw new IllegalArgumentException("definition " + definition.path("Name").asText()
                    + " has Kind " + kind + ", not one of OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT, SCALAR");
        }).append(definition.path("Name").asText());
        if (!definition.path("Interfaces").isEmpty()) {
            out.append(" implements ");
            join(definition.path("Interfaces"), " & ", out);
        }
        directives(definition.path("Directives"), out);
        if (!definition.path("Types").isEmpty()) {
            out.append(" = ");
            join(definition.path("Types"), " | ", out);
        }
        JsonNode members = definition.has("Fields") ? definition.path("Fields") : definition.path("EnumValues");
        if (!members.isEmpty()) {
            out.append(" {\n");
            for (JsonNode member : members) {
                description(member, out);
                out.append("  ").append(member.path("Name").asText());
                if (member.has("Type")) { // a field, not an enum value
                    arguments(member.path("Arguments"), out);
                    out.append(": ");
                    type(member.path("Type"), out);
                    defaultValue(member, out);
                }
                directives(member.path("Directives"), out);
                out.append('\n');
            }
            out.append('}');
        }
        out.append('\n');
    }

    private static void arguments(JsonNode arguments, StringBuilder out) {
        parenthesised(arguments, (argument, o) -> {
            description(argument, o);
            o.append(argument.path("Name").asText()).append(": ");
            type(argument.path("Type"), o);
            defaultValue(argument, o);
            directives(argument.path("Directives"), o);
        }, out);
    }

    private static void defaultValue(JsonNode node, StringBuilder out) {
        if (node.has("DefaultValue")) {
            out.append(" = ");
            value(node.path("DefaultValue"), out);
        }
    }

    private static void selections(JsonNode set, StringBuilder out) {
        if (set.isEmpty()) {
            return;
        }
        out.append(" {\n");
        for (JsonNode selection : set) {
            if (selection.has("Alias")) { // a field: gqlparser always sets its alias
                String alias = selection.path("Alias").asText();
                String name = selection.path("Name").asText();
                out.append(alias.equals(name) || alias.isEmpty() ? name : alias + ": " + name);
                argumentValues(selection.path("Arguments"), out);
            } else if (selection.has("Name")) {
                out.append("...").append(selection.path("Name").asText());
            } else {
                out.append("...");
                if (!selection.path("TypeCondition").asText().isEmpty()) {
                    out.append(" on ").append(selection.path("TypeCondition").asText());
                }
            }
            directives(selection.path("Directives"), out);
            selections(selection.path("SelectionSet"), out);
            out.append('\n');
        }
        out.append('}');
    }

    private static void directives(JsonNode directives, StringBuilder out) {
        for (JsonNode directive : directives) {
            out.append(" @").append(directive.path("Name").asText());
            argumentValues(directive.path("Arguments"), out);
        }
    }

    /** A field's or directive's arguments: {@code (name: value, ...)}. */
    private static void argumentValues(JsonNode arguments, StringBuilder out) {
        parenthesised(arguments, GraphqlAstPrinter::namedValue, out);
    }

    /** {@code (a, b)} of the items, nothing when there are none. */
    private static void parenthesised(JsonNode items, BiConsumer<JsonNode, StringBuilder> item, StringBuilder out) {
        if (!items.isEmpty()) {
            joined(items, "(", ")", item, out);
        }
    }

    private static void joined(JsonNode items, String open, String close, BiConsumer<JsonNode, StringBuilder> item,
            StringBuilder out) {
        out.append(open);
        String separator = "";
        for (JsonNode element : items) {
            out.append(separator);
            item.accept(element, out);
            separator = ", ";
        }
        out.append(close);
    }

    /** An argument or object field: {@code name: value}. */
    private static void namedValue(JsonNode named, StringBuilder out) {
        out.append(named.path("Name").asText()).append(": ");
        value(named.path("Value"), out);
    }

    private static void type(JsonNode type, StringBuilder out) {
        if (type.has("Elem")) {
            out.append('[');
            type(type.path("Elem"), out);
            out.append(']');
        } else {
            out.append(type.path("NamedType").asText());
        }
        if (type.path("NonNull").asBoolean()) {
            out.append('!');
        }
    }

    /** A value by gqlparser's kind number (see {@link GraphqlAst}). */
    private static void value(JsonNode value, StringBuilder out) {
        String raw = value.path("Raw").asText();
        switch (value.path("Kind").asInt()) {
            case 0 -> out.append('$').append(raw);
            case 3, 4 -> quoted(raw, out);
            case 8 -> joined(value.path("Children"), "[", "]", (child, o) -> value(child.path("Value"), o), out);
            case 9 -> joined(value.path("Children"), "{", "}", GraphqlAstPrinter::namedValue, out);
            default -> out.append(raw);
        }
    }

    private static void description(JsonNode node, StringBuilder out) {
        if (!node.path("Description").asText().isEmpty()) {
            quoted(node.path("Description").asText(), out);
            out.append('\n');
        }
    }

    /** GraphQL's string escapes are JSON's. */
    private static void quoted(String text, StringBuilder out) {
        out.append(TextNode.valueOf(text));
    }

    private static void join(JsonNode names, String separator, StringBuilder out) {
        String between = "";
        for (JsonNode name : names) {
            out.append(between).append(name.asText());
            between = separator;
        }
    }
}
