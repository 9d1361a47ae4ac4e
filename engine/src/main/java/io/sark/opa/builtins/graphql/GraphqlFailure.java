package io.sark.opa.builtins.graphql;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.List;

/**
 * A GraphQL document that does not parse or validate, worded as OPA words it:
 * {@code <problem> in GraphQL query string at location <line>:<column>}.
 */
final class GraphqlFailure extends RuntimeException {

    /** Where OPA says the problem is: a syntax error, or a query or schema that does not validate. */
    enum Source {
        SYNTAX("GraphQL string"), QUERY("GraphQL query string"), SCHEMA("GraphQL schema string");

        private final String words;

        Source(String words) {
            this.words = words;
        }
    }

    GraphqlFailure(String problem, Source source, SourceLocation location) {
        super(problem + " in " + source.words + (location == null ? ""
                : " at location " + location.getLine() + ":" + location.getColumn()));
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
