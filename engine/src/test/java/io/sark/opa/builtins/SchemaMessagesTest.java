package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * json.match_schema / json.verify_schema speak gojsonschema's DefaultLocale (xeipuuv/gojsonschema locales.go,
 * used by OPA's internal/gojsonschema; schema type names checked as in its schema.go).
 */
class SchemaMessagesTest {

    private static JsonNode firstError(String document, String schema) {
        return call("json.match_schema", document, schema).get(1).get(0);
    }

    @Test
    void wrongTypeSaysExpectedAndGiven() {
        JsonNode e = firstError("{\"id\": \"foo\"}", "{\"properties\": {\"id\": {\"type\": \"integer\"}}}");
        assertThat(e.get("desc").textValue()).isEqualTo("Invalid type. Expected: integer, given: string");
        assertThat(e.get("error").textValue()).isEqualTo("id: Invalid type. Expected: integer, given: string");
        assertThat(firstError("{\"id\": 2}", "{\"properties\": {\"id\": {\"type\": [\"string\", \"null\"]}}}").get("desc").textValue())
                .isEqualTo("Invalid type. Expected: [string,null], given: integer");
    }

    @Test
    void missingAndBoundedValuesUseGojsonschemasWords() {
        assertThat(firstError("{}", "{\"required\": [\"id\"]}").get("error").textValue()).isEqualTo("(root): id is required");
        assertThat(firstError("{\"n\": -1}", "{\"properties\": {\"n\": {\"minimum\": 0}}}").get("desc").textValue())
                .isEqualTo("Must be greater than or equal to 0");
        assertThat(firstError("{\"s\": \"b\"}", "{\"properties\": {\"s\": {\"enum\": [\"a\", 1]}}}").get("desc").textValue())
                .isEqualTo("s must be one of the following: \"a\", 1");
        assertThat(firstError("{\"x\": 1}", "{\"additionalProperties\": false}").get("desc").textValue())
                .isEqualTo("Additional property x is not allowed");
    }

    /**
     * gojsonschema's uniqueItems check (validation.go, DefaultLocale Unique "{{.type}} items[{{.i}},{{.j}}] must be
     * unique"): one error per repeated item, naming the last earlier index of its value; 1 and 1.0 are equal.
     */
    @Test
    void repeatedItemsAreNamedByTheirIndexes() {
        JsonNode result = call("json.match_schema", "[{\"a\": 1}, 2, {\"a\": 1.0}, 2, 2]", "{\"uniqueItems\": true}");
        assertThat(result.get(1)).extracting(e -> e.get("error").textValue()).containsExactlyInAnyOrder(
                "(root): array items[0,2] must be unique",
                "(root): array items[1,3] must be unique",
                "(root): array items[3,4] must be unique");
        assertThat(result.get(1).get(0).get("type").textValue()).isEqualTo("unique");
    }

    /**
     * gojsonschema (validation.go) reports an anyOf or oneOf no branch satisfies as one "Must validate ..." failure at
     * the instance it checked, then the failures of the closest branch only, not those of every branch.
     */
    @Test
    void anUnsatisfiedAnyOfReportsItselfAndItsClosestBranch() {
        String schema = "{\"items\": {\"anyOf\": [{\"required\": [\"id\", \"low\"]}, {\"required\": [\"id\", \"high\"]}]}}";
        JsonNode errors = call("json.match_schema", "[{\"low\": 1}, {}]", schema).get(1);
        assertThat(errors).extracting(e -> e.get("error").textValue()).containsExactlyInAnyOrder(
                "0: Must validate at least one schema (anyOf)", "0: id is required",
                "1: Must validate at least one schema (anyOf)", "1: id is required", "1: low is required");
        assertThat(errors).filteredOn(e -> e.get("desc").textValue().startsWith("Must"))
                .extracting(e -> e.get("type").textValue()).containsOnly("number_any_of");
        JsonNode oneOf = call("json.match_schema", "{\"a\": 1}",
                "{\"oneOf\": [{\"required\": [\"b\"]}, {\"required\": [\"c\", \"d\"]}]}").get(1);
        assertThat(oneOf).extracting(e -> e.get("error").textValue()).containsExactlyInAnyOrder(
                "(root): Must validate one and only one schema (oneOf)", "(root): b is required");
    }

    @Test
    void unknownTypeNameInTheSchemaIsRejectedAsOpaDoes() {
        String schema = "{\"properties\": {\"id\": {\"type\": \"unknown\"}}}";
        String expected = "has a primitive type that is NOT VALID -- given: /unknown/ Expected valid values are:"
                + "[array boolean integer number null object string]";
        assertThatThrownBy(() -> call("json.match_schema", "{}", schema)).hasMessage("json.match_schema: " + expected);
        assertThat(call("json.verify_schema", schema).get(1).textValue()).isEqualTo("jsonschema: " + expected);
    }

    /**
     * OPA's v1/topdown/jsonschema.go: verify_schema answers [false, "jsonschema: REASON"] for any operand it cannot
     * load or compile (astValueToJSONSchemaLoader takes a string of valid JSON, an object or an array; gojsonschema's
     * draft.go reads only an object or a boolean as a schema), where match_schema fails with the same reason.
     */
    @Test
    void verifySchemaAnswersFalseForOperandsItCannotLoad() {
        String wrongType = "[false,\"jsonschema: wrong type, expected string or object\"]";
        assertThat(call("json.verify_schema", "true").toString()).isEqualTo(wrongType);
        assertThat(call("json.verify_schema", "7").toString()).isEqualTo(wrongType);
        assertThat(call("json.verify_schema", "null").toString()).isEqualTo(wrongType);
        assertThat(call("json.verify_schema", "\"{\"").toString()).isEqualTo("[false,\"jsonschema: invalid JSON string\"]");
        assertThat(call("json.verify_schema", "[\"a\"]").toString()).isEqualTo("[false,\"jsonschema: schema is invalid\"]");
        assertThat(call("json.verify_schema", "\"true\"").toString()).isEqualTo("[true,null]");
        assertThatThrownBy(() -> call("json.match_schema", "{}", "[]")).hasMessage("json.match_schema: schema is invalid");
        assertThatThrownBy(() -> call("json.match_schema", "5", "{}"))
                .hasMessage("json.match_schema: wrong type, expected string or object");
    }

    /** OPA loads an array document as it loads an object (jsonschema.go), so items are checked with their index. */
    @Test
    void matchSchemaChecksAnArrayDocument() {
        String schema = "{\"type\": \"array\", \"items\": {\"properties\": {\"a\": {\"type\": \"number\"}}}}";
        assertThat(call("json.match_schema", "[{\"a\": 1}]", schema).toString()).isEqualTo("[true,[]]");
        assertThat(firstError("[{\"a\": \"b\"}]", schema).get("error").textValue())
                .isEqualTo("0.a: Invalid type. Expected: number, given: string");
    }
}
