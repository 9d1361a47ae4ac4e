package io.sark.opa.builtins.graphql;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.DocumentVisitor;
import graphql.validation.LanguageTraversal;
import graphql.validation.TraversalContext;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import graphql.validation.rules.ProvidedNonNullArguments;
import java.util.List;
import java.util.Locale;

/**
 * A query checked against a schema with graphql-java's validation rules, which are GraphQL's, as
 * gqlparser's are. The rule a policy most often trips, a required argument left out, is worded as gqlparser
 * words it (OPA's tests check that text); other rules keep graphql-java's wording.
 */
final class GraphqlQueryValidation {
    private GraphqlQueryValidation() {}


    /** Throws {@link GraphqlFailure} for the first problem. */
    static void validate(GraphQLSchema schema, Document query) {
        if (!GraphqlSchemas.hasQueryRoot(schema)) {
            for (var operation : query.getDefinitionsOfType(OperationDefinition.class)) {
                if (operation.getOperation() == OperationDefinition.Operation.QUERY) {
                    throw new GraphqlFailure("Schema does not support operation type \"query\"",
                            GraphqlFailure.Source.DOCUMENT,
                            operation.getSourceLocation());
                }
            }
        }
        requiredArguments(schema, query);
        List<ValidationError> errors = new Validator().validateDocument(schema, query,
                rule -> rule != ProvidedNonNullArguments.class, Locale.ROOT); // worded here, as gqlparser words it
        if (!errors.isEmpty()) {
            throw GraphqlFailure.first(errors, GraphqlFailure.Source.DOCUMENT);
        }
    }

    /** gqlparser's ProvidedRequiredArguments on fields: a non-null argument without a default must be given. */
    private static void requiredArguments(GraphQLSchema schema, Document query) {
        TraversalContext types = new TraversalContext(schema);
        new LanguageTraversal().traverse(query, new DocumentVisitor() {
            @Override
            public void enter(Node node, List<Node> path) {
                types.enter(node, path);
                GraphQLFieldDefinition definition = types.getFieldDef();
                if (node instanceof Field field && definition != null) {
                    for (GraphQLArgument argument : definition.getArguments()) {
                        if (GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue()
                                && field.getArguments().stream().map(Argument::getName).noneMatch(argument.getName()::equals)) {
                            throw new GraphqlFailure("Field \"" + field.getName() + "\" argument \"" + argument.getName()
                                    + "\" of type \"" + GraphQLTypeUtil.simplePrint(argument.getType())
                                    + "\" is required, but it was not provided", GraphqlFailure.Source.DOCUMENT,
                                    field.getSourceLocation());
                        }
                    }
                }
            }

            @Override
            public void leave(Node node, List<Node> path) {
                types.leave(node, path);
            }
        });
    }
}
