package io.sark.opa.builtins.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.schema.GraphQLSchema;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.util.List;

/**
 * OPA's {@code graphql.*} builtins on graphql-java: documents are checked against gqlparser's grammar
 * ({@link GraphqlSyntax}), built by graphql-java and returned in
 * OPA's AST shape ({@link GraphqlAst}); a query or schema operand may be text or such an AST object. A
 * schema is loaded with gqlparser's allowances ({@link GraphqlSchemas}) and queries are checked with
 * GraphQL's validation rules ({@link GraphqlQueryValidation}). Errors are worded as OPA words them.
 */
public final class GraphqlBuiltins {
    private GraphqlBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("graphql.parse_query", 1, (ctx, a) ->
                        GraphqlAst.query(parseQuery(a.builtin(), a.string(0)))),
                Operands.builtin("graphql.parse_schema", 1, (ctx, a) ->
                        GraphqlAst.schema(parseSchema(a.builtin(), a.string(0)))),
                Operands.builtin("graphql.parse", 2, (ctx, a) -> {
                    Verified verified = verify(a);
                    return Json.NODES.arrayNode().add(verified.query()).add(verified.schema());
                }),
                Operands.builtin("graphql.parse_and_verify", 2, (ctx, a) -> {
                    Verified verified = verifiedOrNull(a);
                    ArrayNode result = Json.NODES.arrayNode().add(verified != null);
                    return verified == null
                            ? result.add(Json.NODES.objectNode()).add(Json.NODES.objectNode())
                            : result.add(verified.query()).add(verified.schema());
                }),
                Operands.builtin("graphql.is_valid", 2, (ctx, a) -> Json.bool(verifiedOrNull(a) != null)),
                Operands.builtin("graphql.schema_is_valid", 1, (ctx, a) -> {
                    try {
                        schema(a.builtin(), a.get(0), 1);
                        return Json.bool(true);
                    } catch (GraphqlFailure | BuiltinException e) {
                        return Json.bool(false);
                    }
                }));
    }

    /** A query valid against its schema, both as OPA's AST objects. */
    private record Verified(JsonNode query, JsonNode schema) {}

    private static Verified verify(Operands a) {
        try {
            Document query = document(a.builtin(), a.get(0), 1, true);
            Loaded schema = schema(a.builtin(), a.get(1), 2);
            GraphqlQueryValidation.validate(schema.schema(), query);
            return new Verified(ast(a.get(0), query, true), ast(a.get(1), schema.document(), false));
        } catch (GraphqlFailure e) {
            throw a.error(e.getMessage());
        }
    }

    /** Any failure, operand types included, is "not valid" here, as in OPA. */
    private static Verified verifiedOrNull(Operands a) {
        try {
            return verify(a);
        } catch (BuiltinException e) {
            return null;
        }
    }

    private record Loaded(Document document, GraphQLSchema schema) {}

    private static Loaded schema(String builtin, JsonNode operand, int position) {
        Document document = document(builtin, operand, position, false);
        String text = operand.isTextual() ? operand.textValue() : GraphqlAstPrinter.schema(operand);
        return new Loaded(document, GraphqlSchemas.load(text, document));
    }

    /** The AST to return: an AST object operand as given (pruned as OPA prunes), else the parsed document's. */
    private static JsonNode ast(JsonNode operand, Document document, boolean query) {
        if (operand.isObject()) {
            return GraphqlAst.prune(operand);
        }
        return query ? GraphqlAst.query(document) : GraphqlAst.schema(document);
    }

    private static Document document(String builtin, JsonNode operand, int position, boolean query) {
        if (operand == null || !(operand.isTextual() || operand.isObject())) {
            throw Args.typeError(builtin, position, "one of {object, string}", operand);
        }
        if (operand.isTextual()) {
            return query ? parseQuery(builtin, operand.textValue()) : parseSchema(builtin, operand.textValue());
        }
        try {
            return query ? parseQuery(builtin, GraphqlAstPrinter.query(operand))
                    : parseSchema(builtin, GraphqlAstPrinter.schema(operand));
        } catch (IllegalArgumentException e) {
            throw Args.error(builtin, "operand " + position + " is not a GraphQL AST object: " + e.getMessage());
        }
    }

    static Document parseQuery(String builtin, String text) {
        return parse(builtin, text, true);
    }

    static Document parseSchema(String builtin, String text) {
        return parse(builtin, text, false);
    }

    /** gqlparser's grammar decides what parses (queries and schemas apart); graphql-java then builds the document. */
    private static Document parse(String builtin, String text, boolean query) {
        List<GraphqlSyntax.FragmentVariables> fragmentVariables;
        try {
            fragmentVariables = GraphqlSyntax.check(text, query);
        } catch (GraphqlFailure e) {
            throw Args.error(builtin, e.getMessage());
        }
        if (text.isBlank()) {
            return Document.newDocument().build(); // graphql-java refuses an empty document; gqlparser does not
        }
        try {
            return GraphqlBlockStrings.mark(GraphqlFragmentVariables.parse(text, fragmentVariables), text);
        } catch (InvalidSyntaxException e) {
            throw Args.error(builtin,
                    new GraphqlFailure(e.getMessage(), GraphqlFailure.Source.DOCUMENT, e.getLocation()).getMessage());
        }
    }
}
