package io.sark.opa.builtins.graphql;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumTypeExtensionDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputObjectTypeExtensionDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.InterfaceTypeExtensionDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.UnionTypeExtensionDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import io.sark.opa.builtins.CompiledCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A schema document as gqlparser loads it for OPA, built with graphql-java. Two of gqlparser's allowances
 * are reproduced: extending a type that is not declared declares it (federation schemas rely on this), and
 * a schema needs no query root (queries against it then fail validation).
 */
final class GraphqlSchemas {
    private GraphqlSchemas() {}

    /** Stands in for a missing query root: graphql-java requires one, gqlparser does not. */
    static final String PLACEHOLDER_QUERY = "SarkOpaNoQueryRoot";

    private static final CompiledCache<Object> CACHE = new CompiledCache<>();

    /** The schema of an SDL document; {@link GraphqlFailure} when gqlparser's rules (as graphql-java has them) refuse it. */
    static GraphQLSchema load(String sdlText, Document sdl) {
        Object loaded = CACHE.get(sdlText, key -> {
            try {
                return build(sdl);
            } catch (GraphqlFailure e) {
                return e;
            }
        });
        if (loaded instanceof GraphqlFailure failure) {
            throw new GraphqlFailure(failure);
        }
        return (GraphQLSchema) loaded;
    }

    /** Whether the schema has a query root of its own (not the placeholder). */
    static boolean hasQueryRoot(GraphQLSchema schema) {
        return !PLACEHOLDER_QUERY.equals(schema.getQueryType().getName());
    }

    private static GraphQLSchema build(Document sdl) {
        List<Definition> definitions = declareExtendedTypes(sdl.getDefinitions());
        if (!declaresQueryRoot(definitions)) {
            definitions.add(ObjectTypeDefinition.newObjectTypeDefinition().name(PLACEHOLDER_QUERY)
                    .fieldDefinition(new FieldDefinition("unused", new TypeName("Boolean"))).build());
            definitions.add(SchemaDefinition.newSchemaDefinition().operationTypeDefinition(
                    graphql.language.OperationTypeDefinition.newOperationTypeDefinition().name("query")
                            .typeName(new TypeName(PLACEHOLDER_QUERY)).build()).build());
        }
        try {
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(
                    new SchemaParser().buildRegistry(Document.newDocument().definitions(definitions).build()));
        } catch (SchemaProblem e) {
            throw GraphqlFailure.first(e.getErrors(), GraphqlFailure.Source.SCHEMA);
        } catch (graphql.schema.validation.InvalidSchemaException e) {
            throw new GraphqlFailure(e.getMessage(), GraphqlFailure.Source.SCHEMA, null);
        }
    }

    private static boolean declaresQueryRoot(List<Definition> definitions) {
        for (Definition<?> definition : definitions) {
            if (definition instanceof SchemaDefinition
                    || definition instanceof ObjectTypeDefinition o && o.getName().equals("Query")) {
                return true;
            }
        }
        return false;
    }

    /** The first extension of a type nobody declares becomes its declaration. */
    private static List<Definition> declareExtendedTypes(List<Definition> definitions) {
        Set<String> declared = new HashSet<>();
        for (Definition<?> definition : definitions) {
            if (definition instanceof TypeDefinition<?> type && !(definition instanceof SDLExtensionDefinition)) {
                declared.add(type.getName());
            }
        }
        List<Definition> out = new ArrayList<>();
        for (Definition<?> definition : definitions) {
            if (definition instanceof SDLExtensionDefinition && definition instanceof TypeDefinition<?> type
                    && declared.add(type.getName())) {
                out.add(asDeclaration(definition));
            } else {
                out.add(definition);
            }
        }
        return out;
    }

    private static Definition<?> asDeclaration(Definition<?> extension) {
        if (extension instanceof ObjectTypeExtensionDefinition e) {
            return ObjectTypeDefinition.newObjectTypeDefinition().name(e.getName()).implementz(e.getImplements())
                    .directives(e.getDirectives()).fieldDefinitions(e.getFieldDefinitions())
                    .sourceLocation(e.getSourceLocation()).build();
        } else if (extension instanceof InterfaceTypeExtensionDefinition e) {
            return InterfaceTypeDefinition.newInterfaceTypeDefinition().name(e.getName()).implementz(e.getImplements())
                    .directives(e.getDirectives()).definitions(e.getFieldDefinitions())
                    .sourceLocation(e.getSourceLocation()).build();
        } else if (extension instanceof UnionTypeExtensionDefinition e) {
            return UnionTypeDefinition.newUnionTypeDefinition().name(e.getName()).memberTypes(e.getMemberTypes())
                    .directives(e.getDirectives()).sourceLocation(e.getSourceLocation()).build();
        } else if (extension instanceof EnumTypeExtensionDefinition e) {
            return EnumTypeDefinition.newEnumTypeDefinition().name(e.getName())
                    .enumValueDefinitions(e.getEnumValueDefinitions()).directives(e.getDirectives())
                    .sourceLocation(e.getSourceLocation()).build();
        } else if (extension instanceof InputObjectTypeExtensionDefinition e) {
            return InputObjectTypeDefinition.newInputObjectDefinition().name(e.getName())
                    .inputValueDefinitions(e.getInputValueDefinitions()).directives(e.getDirectives())
                    .sourceLocation(e.getSourceLocation()).build();
        }
        return extension; // a scalar extension adds only directives: graphql-java then names the missing scalar
    }
}
