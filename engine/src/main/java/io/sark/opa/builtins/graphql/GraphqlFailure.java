package io.sark.opa.builtins.graphql;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.List;

/**
 * A GraphQL document that does not parse or validate, worded as OPA 1.x words it (formatGqlParserError and
 * convertSchema in v1/topdown/graphql.go): {@code <problem> in GraphQL string at location <line>:<column>} for a
 * query or schema that does not parse and a query that does not validate, {@code GraphQL parse error: input:
 * <problem>} when there is no location, and a schema that does not validate as gqlparser's error behind
 * {@code Error in gqlparser SchemaDocument to Schema conversion: }.
 */
final class GraphqlFailure extends RuntimeException {

    /** What failed: a query or schema that does not parse, or a query that does not validate; or a schema. */
    enum Source {
        DOCUMENT, SCHEMA
    }

    GraphqlFailure(String problem, Source source, SourceLocation location) {
        super(source == Source.SCHEMA
                ? "Error in gqlparser SchemaDocument to Schema conversion: input" + (location == null ? ""
                        : ":" + location.getLine() + ":" + location.getColumn()) + ": " + problem
                : location == null ? "GraphQL parse error: input: " + problem
                : problem + " in GraphQL string at location " + location.getLine() + ":" + location.getColumn());
    }

    /** The same failure again, for another call that met the cached schema. */
    GraphqlFailure(GraphqlFailure cached) {
        super(cached.getMessage());
    }

    /** The first of graphql-java's errors, as OPA reports the first of gqlparser's (without a closing period). */
    static GraphqlFailure first(List<? extends GraphQLError> errors, Source source) {
        GraphQLError error = errors.get(0);
        List<SourceLocation> locations = error.getLocations();
        String problem = error.getMessage().endsWith(".")
                ? error.getMessage().substring(0, error.getMessage().length() - 1) : error.getMessage();
        return new GraphqlFailure(problem, source, locations == null || locations.isEmpty() ? null : locations.get(0));
    }
}
