package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

/** graphql.* beyond the conformance cases: AST shapes, AST objects as operands, validity and error wording. */
class GraphqlBuiltinsTest {

    private static final String SCHEMA = """
            "People"
            type Query {
              employee(id: ID!, filter: Filter): Employee
              employees(ids: [ID!]! = []): [Employee]
            }
            input Filter { active: Boolean = true }
            type Employee { id: ID! name: String salary: Int @deprecated(reason: "private") }
            """;

    private static String json(String text) {
        return TextNode.valueOf(text).toString();
    }

    @Test
    void queryAstHasGqlparsersShapeWithEveryValueKind() {
        JsonNode ast = call("graphql.parse_query", json("""
                query Q($id: ID! = "e1", $ids: [ID!]) {
                  boss: employee(id: $id, filter: {active: false}) { name ...Pay ... on Employee @skip(if: true) { id } }
                  employees(ids: [1, 2.5, null, ENUM]) { id }
                }
                fragment Pay on Employee { salary }
                """));
        JsonNode op = ast.path("Operations").get(0);
        assertThat(op.path("Operation").asText()).isEqualTo("query");
        assertThat(op.path("VariableDefinitions").get(0).toString()).isEqualTo(
                "{\"Variable\":\"id\",\"Type\":{\"NamedType\":\"ID\",\"NonNull\":true},"
                        + "\"DefaultValue\":{\"Raw\":\"e1\",\"Kind\":3,\"ExpectedTypeHasDefault\":false},\"Used\":false}");
        assertThat(op.path("VariableDefinitions").get(1).path("Type").toString())
                .isEqualTo("{\"NamedType\":\"\",\"Elem\":{\"NamedType\":\"ID\",\"NonNull\":true},\"NonNull\":false}");
        JsonNode boss = op.path("SelectionSet").get(0);
        assertThat(boss.path("Alias").asText()).isEqualTo("boss");
        assertThat(boss.path("Arguments").get(1).path("Value").toString()).isEqualTo(
                "{\"Raw\":\"\",\"Children\":[{\"Name\":\"active\",\"Value\":{\"Raw\":\"false\",\"Kind\":5,"
                        + "\"ExpectedTypeHasDefault\":false}}],\"Kind\":9,\"ExpectedTypeHasDefault\":false}");
        assertThat(boss.path("SelectionSet").get(1).toString()).isEqualTo("{\"Name\":\"Pay\"}");
        assertThat(boss.path("SelectionSet").get(2).path("Directives").toString()).isEqualTo(
                "[{\"Name\":\"skip\",\"Arguments\":[{\"Name\":\"if\",\"Value\":{\"Raw\":\"true\",\"Kind\":5,"
                        + "\"ExpectedTypeHasDefault\":false}}],\"Location\":\"\"}]");
        JsonNode list = op.path("SelectionSet").get(1).path("Arguments").get(0).path("Value");
        assertThat(list.path("Kind").asInt()).isEqualTo(8);
        assertThat(list.path("Children").findValues("Kind").stream().map(JsonNode::asInt)).containsExactly(1, 2, 6, 7);
        assertThat(ast.path("Fragments").get(0).path("TypeCondition").asText()).isEqualTo("Employee");
    }

    @Test
    void schemaAstHasGqlparsersShape() {
        JsonNode ast = call("graphql.parse_schema", json(SCHEMA));
        JsonNode query = ast.path("Definitions").get(0);
        assertThat(query.path("Kind").asText()).isEqualTo("OBJECT");
        assertThat(query.path("Description").asText()).isEqualTo("People");
        assertThat(query.path("BuiltIn").asBoolean(true)).isFalse();
        assertThat(query.path("Fields").get(1).path("Arguments").get(0).path("DefaultValue").toString())
                .isEqualTo("{\"Raw\":\"\",\"Kind\":8,\"ExpectedTypeHasDefault\":false}");
        assertThat(ast.path("Definitions").get(1).path("Kind").asText()).isEqualTo("INPUT_OBJECT");
        assertThat(ast.path("Definitions").get(2).path("Fields").get(2).path("Directives").get(0).path("Name").asText())
                .isEqualTo("deprecated");
    }

    @Test
    void astObjectsAreAcceptedWhereTextIs() {
        JsonNode schemaAst = call("graphql.parse_schema", json(SCHEMA));
        JsonNode queryAst = call("graphql.parse_query", json("{ employee(id: \"x\") { name } }"));
        JsonNode verified = call("graphql.parse_and_verify", queryAst.toString(), schemaAst.toString());
        assertThat(verified.get(0).asBoolean()).isTrue();
        assertThat(verified.get(1)).isEqualTo(queryAst);
        assertThat(verified.get(2)).isEqualTo(schemaAst);
        JsonNode invalid = call("graphql.parse_query", json("{ employee { name } }"));
        assertThat(call("graphql.is_valid", invalid.toString(), schemaAst.toString()).asBoolean()).isFalse();
    }

    @Test
    void validityFollowsGraphqlsRules() {
        assertThat(call("graphql.is_valid", json("{ employee(id: 1) { name } }"), json(SCHEMA)).asBoolean()).isTrue();
        assertThat(call("graphql.is_valid", json("{ employee(id: 1) { nope } }"), json(SCHEMA)).asBoolean()).isFalse();
        assertThat(call("graphql.is_valid", json("{ employee(id: 1) }"), json(SCHEMA)).asBoolean()).isFalse();
        assertThat(call("graphql.is_valid", json("{ employee(id: 1) { name }"), json(SCHEMA)).asBoolean()).isFalse();
        assertThat(call("graphql.is_valid", "1", json(SCHEMA)).asBoolean()).isFalse();
        assertThat(call("graphql.schema_is_valid", json(SCHEMA)).asBoolean()).isTrue();
        assertThat(call("graphql.schema_is_valid", json("type Query { a: Missing }")).asBoolean()).isFalse();
        assertThat(call("graphql.schema_is_valid", json("type Query {")).asBoolean()).isFalse();
        assertThat(call("graphql.parse_and_verify", json("{ nope }"), json(SCHEMA)).toString())
                .isEqualTo("[false,{},{}]");
    }

    @Test
    void schemaWithoutQueryRootIsValidButCannotAnswerQueries() {
        String enums = json("enum Color { RED }");
        assertThat(call("graphql.schema_is_valid", enums).asBoolean()).isTrue();
        assertThatThrownBy(() -> call("graphql.parse", json("{ red }"), enums))
                .isInstanceOf(BuiltinException.class)
                .hasMessage("graphql.parse: Schema does not support operation type \"query\" in GraphQL string"
                        + " at location 1:1");
    }

    /**
     * A document nested without end (from a request, say) is refused with a message instead of exhausting the
     * stack, in selections, values and list types alike; 100 levels still parse.
     */
    @Test
    void endlessNestingIsRefusedWithAMessage() {
        String deep = "{ a" + " { a".repeat(100_000) + " }".repeat(100_001);
        assertThatThrownBy(() -> call("graphql.parse_query", json(deep)))
                .isInstanceOf(BuiltinException.class)
                .hasMessageStartingWith("graphql.parse_query: the document nests more than 500 levels deep");
        String deepValue = "{ a(v: " + "[".repeat(100_000) + "]".repeat(100_000) + ") }";
        assertThatThrownBy(() -> call("graphql.parse_query", json(deepValue)))
                .hasMessageContaining("nests more than 500 levels deep");
        String deepType = "type Query { a: " + "[".repeat(100_000) + "Int" + "]".repeat(100_000) + " }";
        assertThatThrownBy(() -> call("graphql.parse_schema", json(deepType)))
                .hasMessageContaining("nests more than 500 levels deep");
        String fine = "{ a" + " { a".repeat(100) + " }".repeat(101);
        assertThat(call("graphql.parse_query", json(fine)).path("Operations").size()).isEqualTo(1);
    }

    /** OPA 1.x words a query that does not parse or validate alike (formatGqlParserError, v1/topdown/graphql.go). */
    @Test
    void errorsAreWordedAsOpaWordsThem() {
        assertThatThrownBy(() -> call("graphql.parse", json("\n{\n  employee { name }\n}"), json(SCHEMA)))
                .isInstanceOf(BuiltinException.class)
                .hasMessage("graphql.parse: Field \"employee\" argument \"id\" of type \"ID!\" is required, but it was"
                        + " not provided in GraphQL string at location 3:3");
        assertThatThrownBy(() -> call("graphql.parse_query", json("{ a")))
                .isInstanceOf(BuiltinException.class)
                .hasMessageStartingWith("graphql.parse_query: ")
                .hasMessageContaining(" in GraphQL string at location 1:");
        assertThatThrownBy(() -> call("graphql.parse_query", json("type Query { a: Int }")))
                .hasMessageContaining("in GraphQL string at location 1:1");
        assertThatThrownBy(() -> call("graphql.parse", json("{ a }"), json("type Query { a: Missing }")))
                .hasMessageStartingWith("graphql.parse: Error in gqlparser SchemaDocument to Schema conversion: input")
                .hasMessageContaining("Missing");
        assertThatThrownBy(() -> call("graphql.parse", "1", json(SCHEMA)))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("graphql.parse: operand 1 must be one of {object, string} but got number");
    }

    /**
     * What parses, and the first syntax error's wording and place, follow gqlparser's grammar (vektah/gqlparser v2
     * parser/query.go, parser/schema.go, parser/parser.go: expect, unexpectedToken, some), which OPA parses with.
     */
    @Test
    void syntaxErrorsFollowGqlparsersGrammar() {
        assertSyntaxError("graphql.parse_query", "{ a(x: ) }", "Unexpected ) in GraphQL string at location 1:8");
        assertSyntaxError("graphql.parse_query", "query Q { ...on }",
                "Expected Name, found } in GraphQL string at location 1:17");
        assertSyntaxError("graphql.parse_query", "type T { a: Int }",
                "Unexpected Name \"type\" in GraphQL string at location 1:1");
        assertSyntaxError("graphql.parse_schema", "{ a }", "Unexpected { in GraphQL string at location 1:1");
        // lists that gqlparser's parser reads with some() must not be empty; graphql-java would accept them
        assertSyntaxError("graphql.parse_schema", "type T {}",
                "expected at least one definition, found } in GraphQL string at location 1:9");
        assertSyntaxError("graphql.parse_schema", "type T { a(): Int }",
                "expected at least one definition, found ) in GraphQL string at location 1:12");
        // an extension must add something, and takes no description; a string's column is past its quote
        assertSyntaxError("graphql.parse_schema", "extend input I",
                "Unexpected <EOF> in GraphQL string at location 1:15");
        assertSyntaxError("graphql.parse_schema", "\"doc\"\nextend type T { a: Int }",
                "Unexpected String \"doc\" in GraphQL string at location 1:2");
        assertThat(call("graphql.parse_schema", json("extend type T implements I")).path("Extensions").get(0)
                .path("Interfaces").toString()).isEqualTo("[\"I\"]");
    }

    /** gqlparser's ValueKind tells a block string (BlockValue, 4) from a quoted one (StringValue, 3): ast/value.go. */
    @Test
    void blockStringValuesKeepTheirOwnKind() {
        JsonNode arguments = call("graphql.parse_query",
                json("{ f(a: \"\u0a0a\", b: \"\"\"x\"\"\")\n  g(c: \"\"\"\n  y\n  \"\"\") }"))
                .path("Operations").get(0).path("SelectionSet");
        assertThat(arguments.get(0).path("Arguments").findValues("Kind").stream().map(JsonNode::asInt))
                .containsExactly(3, 4);
        assertThat(arguments.get(1).path("Arguments").get(0).path("Value").path("Kind").asInt()).isEqualTo(4);
        assertThat(arguments.get(1).path("Arguments").get(0).path("Value").path("Raw").asText()).isEqualTo("y");
    }

    /** gqlparser reads variable definitions on a fragment (parser/query.go parseFragmentDefinition), graphql-java not. */
    @Test
    void fragmentVariableDefinitionsAreParsed() {
        JsonNode fragment = call("graphql.parse_query",
                json("{ ...F }\nfragment F($on: Boolean = true, $n: [Int!]) on T {\n  f(x: $on) g }"))
                .path("Fragments").get(0);
        assertThat(fragment.path("VariableDefinition").findValues("Variable").stream().map(JsonNode::asText))
                .containsExactly("on", "n");
        assertThat(fragment.path("VariableDefinition").get(0).path("DefaultValue").path("Raw").asText())
                .isEqualTo("true");
        assertThat(fragment.path("SelectionSet").get(0).path("Arguments").get(0).path("Value").path("Raw").asText())
                .isEqualTo("on");
        assertThat(call("graphql.parse_query", json("fragment F on T { f }")).path("Fragments").get(0)
                .has("VariableDefinition")).isFalse();
    }

    private static void assertSyntaxError(String builtin, String document, String message) {
        assertThatThrownBy(() -> call(builtin, json(document)))
                .isInstanceOf(BuiltinException.class)
                .hasMessage(builtin + ": " + message);
    }
}
