package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import org.junit.jupiter.api.Test;

/** Behaviour of the host catalogue beyond what OPA's direct-call cases exercise. */
class HostSemanticsTest {

    @Test
    void typeErrorsAreDistinctFromBuiltinErrors() {
        assertThatThrownBy(() -> call("base64.encode", "1"))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("base64.encode: operand 1 must be string but got number");
        assertThatThrownBy(() -> call("base64.decode", "\"a\""))
                .isInstanceOf(BuiltinException.class)
                .isNotInstanceOf(BuiltinTypeException.class);
    }

    @Test
    void nonDeterministicBuiltinsAreMemoisedPerEvaluation() {
        TestContext one = TestContext.fresh();
        String uuid = call(one, "uuid.rfc4122", "\"k\"").textValue();
        assertThat(call(one, "uuid.rfc4122", "\"k\"").textValue()).isEqualTo(uuid);
        assertThat(call(one, "uuid.rfc4122", "\"other\"").textValue()).isNotEqualTo(uuid);
        assertThat(call(TestContext.fresh(), "uuid.rfc4122", "\"k\"").textValue()).isNotEqualTo(uuid);
        long n = call(one, "rand.intn", "\"seed\"", "1000000000").longValue();
        assertThat(n).isBetween(0L, 999_999_999L);
        assertThat(call(one, "rand.intn", "\"seed\"", "1000000000").longValue()).isEqualTo(n);
    }

    @Test
    void setResultsAreMarkedAndOrdered() {
        assertThat(Builtins.defaults().find("net.cidr_merge").orElseThrow().returnsSet()).isTrue();
        assertThat(Builtins.defaults().find("sprintf").orElseThrow().returnsSet()).isFalse();
        assertThat(call("net.cidr_merge", "[\"192.0.128.0/24\", \"192.0.129.0/24\", \"10.0.0.1\", \"10.0.0.0\"]").toString())
                .as("addresses take their class's default mask, as in OPA").isEqualTo("[\"10.0.0.0/8\",\"192.0.128.0/23\"]");
        assertThat(call("object.keys", "{\"b\": 1, \"a\": 2}").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void cidrEdgeCases() {
        assertThat(call("net.cidr_contains", "\"10.0.0.0/8\"", "\"10.255.255.255\"").booleanValue()).isTrue();
        assertThat(call("net.cidr_contains", "\"10.0.0.0/8\"", "\"::1\"").booleanValue()).isFalse();
        assertThat(call("net.cidr_is_valid", "\"10.0.0.01/8\"").booleanValue()).as("leading zeros").isFalse();
        assertThat(call("net.cidr_intersects", "\"10.0.0.0/30\"", "\"10.0.0.2/31\"").booleanValue()).isTrue();
        assertThat(call("net.cidr_expand", "\"2001:db8::/127\"").toString()).isEqualTo("[\"2001:db8::\",\"2001:db8::1\"]");
        assertThatThrownBy(() -> call("net.cidr_expand", "\"10.0.0.0/8\"")).hasMessageContaining("more than");
    }

    @Test
    void jwtSignaturesRoundTripForEveryAlgorithmFamily() throws Exception {
        String[] keys = {
            "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}",
        };
        String token = call("io.jwt.encode_sign", "{\"alg\":\"HS256\"}", "{\"sub\":\"alice\"}", keys[0]).textValue();
        assertThat(call("io.jwt.verify_hs256", Json.write(Json.text(token)), "\"secret\"").booleanValue()).isTrue();
        assertThat(call("io.jwt.verify_hs256", Json.write(Json.text(token)), "\"wrong\"").booleanValue()).isFalse();
        com.nimbusds.jose.jwk.ECKey ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
        String esToken = call("io.jwt.encode_sign", "{\"alg\":\"ES256\"}", "{\"sub\":\"bob\"}", ec.toJSONString()).textValue();
        assertThat(call("io.jwt.verify_es256", Json.write(Json.text(esToken)), Json.write(Json.text(ec.toPublicJWK().toJSONString())))
                .booleanValue()).isTrue();
        com.nimbusds.jose.jwk.RSAKey rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
        String psToken = call("io.jwt.encode_sign", "{\"alg\":\"PS256\"}", "{\"sub\":\"carol\"}", rsa.toJSONString()).textValue();
        String publicJwk = Json.write(Json.text(rsa.toPublicJWK().toJSONString()));
        assertThat(call("io.jwt.verify_ps256", Json.write(Json.text(psToken)), publicJwk).booleanValue()).isTrue();
        assertThat(call("io.jwt.verify_rs256", Json.write(Json.text(psToken)), publicJwk).booleanValue()).as("wrong algorithm").isFalse();
    }

    /**
     * OPA signs header and payload as Go's json.Marshal writes them (since its pull request 6934, 0.68): sorted keys, no
     * spaces, sets as arrays, HTML-safe escapes; the first two sections decode to exactly that text.
     */
    @Test
    void encodeSignSignsGoCompactJson() {
        String token = call("io.jwt.encode_sign", "{\"typ\": \"JWT\", \"alg\": \"HS256\"}",
                "{\"iss\": \"<joe>\", \"aud\": [\"bob\", \"saul\"], \"exp\": 1300819380}",
                "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}").textValue();
        String[] parts = token.split("\\.");
        java.util.Base64.Decoder base64 = java.util.Base64.getUrlDecoder();
        assertThat(new String(base64.decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(new String(base64.decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"aud\":[\"bob\",\"saul\"],\"exp\":1300819380,\"iss\":\"\\u003cjoe\\u003e\"}");
        assertThat(call("io.jwt.verify_hs256", Json.write(Json.text(token)), "\"secret\"").booleanValue()).isTrue();
    }

    @Test
    void decodeVerifyChecksTimeAgainstTheEvaluationClock() {
        String token = call("io.jwt.encode_sign", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"exp\":2000}",
                "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}").textValue();
        String quoted = Json.write(Json.text(token));
        assertThat(call(TestContext.at(1_999_000_000_000L), "io.jwt.decode_verify", quoted, "{\"secret\":\"secret\"}").get(0).booleanValue())
                .isTrue();
        assertThat(call(TestContext.at(2_000_000_000_000L), "io.jwt.decode_verify", quoted, "{\"secret\":\"secret\"}").toString())
                .isEqualTo("[false,{},{}]");
        assertThatThrownBy(() -> call("io.jwt.decode_verify", quoted, "{}")).hasMessageContaining("no key constraint");
    }

    @Test
    void yamlAndJsonMarshalling() {
        assertThat(call("yaml.marshal", "{\"b\": [1, \"x\"], \"a\": true}").textValue()).isEqualTo("a: true\nb:\n- 1\n- x\n");
        assertThat(call("yaml.unmarshal", "\"a: 1\\nb: [x, 2.5]\"").toString()).isEqualTo("{\"a\":1,\"b\":[\"x\",2.5]}");
        assertThat(call("json.marshal", "{\"b\": \"<&>\", \"a\": [1, 2.5]}").textValue()).isEqualTo("{\"a\":[1,2.5],\"b\":\"\\u003c\\u0026\\u003e\"}");
        assertThat(call("json.marshal_with_options", "{\"a\": [1]}", "{\"indent\": \"  \"}").textValue()).isEqualTo("{\n  \"a\": [\n    1\n  ]\n}");
    }

    @Test
    void jsonMarshalWritesEachNumberAsItsText() {
        // OPA gives encoding/json a json.Number, the term's text (ast.JSON, v1/ast/term.go), written as it is
        assertThat(call("json.marshal", "[1.50, 2e2, 1.5e3, 1e21, 0.000001, 7]").textValue())
                .isEqualTo("[1.50,2e2,1.5e3,1e21,0.000001,7]");
    }

    @Test
    void regexFollowsGoSemantics() {
        assertThat(call("regex.split", "\"a\"", "\"banana\"").toString()).isEqualTo("[\"b\",\"n\",\"n\",\"\"]");
        assertThat(call("regex.find_n", "\"a*\"", "\"baaac\"", "-1").toString()).isEqualTo("[\"\",\"aaa\",\"\"]");
        assertThat(call("regex.replace", "\"abc-123\"", "\"([a-z]+)-(\\\\d+)\"", "\"$2:$1\"").textValue()).isEqualTo("123:abc");
        assertThat(call("regex.template_match", "\"urn:foo:{.*}\"", "\"urn:foo:bar\"", "\"{\"", "\"}\"").booleanValue()).isTrue();
        assertThatThrownBy(() -> call("regex.match", "\"(\"", "\"x\"")).hasMessageContaining("error parsing regexp");
    }

    @Test
    void semverPrecedence() {
        assertThat(call("semver.compare", "\"1.0.0-alpha\"", "\"1.0.0\"").intValue()).isEqualTo(-1);
        assertThat(call("semver.compare", "\"1.0.0-alpha.10\"", "\"1.0.0-alpha.9\"").intValue()).isEqualTo(1);
        assertThat(call("semver.compare", "\"1.0.0+build.1\"", "\"1.0.0+build.2\"").intValue()).isZero();
    }

    @Test
    void urlQueriesAndJsonPaths() {
        assertThat(call("urlquery.encode", "\"a b*~\"").textValue()).isEqualTo("a+b%2A~");
        assertThatThrownBy(() -> call("urlquery.decode", "\"%zz\"")).hasMessageContaining("invalid URL escape");
        assertThat(call("json.patch", "{\"a\": [1, 2]}", "[{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 3}]").toString())
                .isEqualTo("{\"a\":[1,2,3]}");
        assertThat(call("json.patch", "{\"a\": 1}", "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]")).isNull();
    }

    @Test
    void jsonSchemas() {
        String schema = "{\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"integer\", \"minimum\": 0}}, \"required\": [\"age\"]}";
        assertThat(call("json.verify_schema", schema).toString()).isEqualTo("[true,null]");
        assertThat(call("json.verify_schema", "{\"type\": 5}").get(0).booleanValue()).isFalse();
        assertThat(call("json.match_schema", "{\"age\": 3}", schema).toString()).isEqualTo("[true,[]]");
        var mismatch = call("json.match_schema", "{\"age\": -1}", schema);
        assertThat(mismatch.get(0).booleanValue()).isFalse();
        assertThat(mismatch.get(1).get(0).get("field").textValue()).isEqualTo("age");
        assertThat(mismatch.get(1).get(0).get("type").textValue()).isEqualTo("number_gte");
        assertThat(call("json.match_schema", "\"{}\"", schema).get(1).get(0).get("type").textValue()).isEqualTo("required");
        // A remote reference is refused rather than fetched.
        assertThat(call("json.verify_schema", "{\"$ref\": \"http://203.0.113.1/schema.json\"}").get(0).booleanValue()).isFalse();
    }

    @Test
    void reachablePathsFollowOpasWalk() {
        // OPA's graph.reachable_paths cases (their input written as JSON; sets as sorted arrays).
        assertThat(call("graph.reachable_paths", "{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"]}", "[\"a\"]").toString())
                .isEqualTo("[[\"a\",\"b\",\"c\"]]");
        assertThat(call("graph.reachable_paths", "{\"a\": [\"b\", \"c\"], \"b\": [\"c\"], \"c\": []}", "[\"a\"]").toString())
                .isEqualTo("[[\"a\",\"b\",\"c\"],[\"a\",\"c\"]]");
        assertThat(call("graph.reachable_paths", "{\"a\": [\"b\"], \"b\": [\"nonexistent\"]}", "[\"a\", \"b\"]").toString())
                .isEqualTo("[[\"a\",\"b\"],[\"b\"]]");
        assertThat(call("graph.reachable_paths", "{\"a\": null}", "[\"a\"]").toString()).isEqualTo("[[\"a\"]]");
        String graph = "{\"one\": [\"two\",\"five\"], \"two\": [\"four\"], \"three\": [\"\"], \"four\": [\"three\"],"
                + " \"five\": [\"seven\",\"six\"], \"six\": [\"nine\",\"seven\"], \"seven\": [\"eight\"], \"eight\": [\"three\"], \"nine\": [\"\"]}";
        assertThat(call("graph.reachable_paths", graph, "[\"one\"]").toString()).isEqualTo(
                "[[\"one\",\"five\",\"seven\",\"eight\",\"three\"],[\"one\",\"five\",\"six\"],"
                        + "[\"one\",\"five\",\"six\",\"nine\"],[\"one\",\"two\",\"four\",\"three\"]]");
        assertThat(call("graph.reachable", "{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"], \"x\": []}", "[\"a\"]").toString())
                .isEqualTo("[\"a\",\"b\",\"c\"]");
    }

    @Test
    void uuidFieldsPerVersion() {
        assertThat(call("uuid.parse", "\"b01d0062-a116-11ee-822b-7ab0b9e5e0c0\"").toString()).isEqualTo(
                "{\"version\":1,\"variant\":\"RFC4122\",\"time\":1703282931110717000,\"clocksequence\":555,"
                        + "\"nodeid\":\"7a-b0-b9-e5-e0-c0\",\"macvariables\":\"local:unicast\"}");
        var v2 = call("uuid.parse", "\"000003e8-a129-21ee-ae00-325096b39f47\"");
        assertThat(v2.get("domain").textValue()).isEqualTo("Person");
        assertThat(v2.get("id").intValue()).isEqualTo(1000);
        assertThat(v2.get("clocksequence").intValue()).isEqualTo(11776);
        assertThat(call("uuid.parse", "\"1EC9414C-232A-6B00-B3C8-9E6BDECED846\"").get("time").longValue()).isEqualTo(1_645_557_742_000_000_000L);
        assertThat(call("uuid.parse", "\"017F22E2-79B0-7CC3-98C4-DC0C0C07398F\"").get("time").longValue()).isEqualTo(1_645_557_742_000_000_000L);
        assertThat(call("uuid.parse", "\"a6342df8-7801-469c-b3f3-c5317a0ebdaa\"").toString()).isEqualTo("{\"version\":4,\"variant\":\"RFC4122\"}");
        assertThat(call("uuid.parse", "\"not-a-uuid\"")).isNull();
    }

    @Test
    void uuidVersion2TimeIsReadAsVersion1s() {
        // Go's uuid.Time (github.com/google/uuid time.go, used by OPA's v1/topdown/uuid.go): any version but 6 and 7
        // reads time_hi, time_mid and time_low, which in a version 2 UUID holds the id.
        assertThat(call("uuid.parse", "\"000003e8-a129-21ee-ae00-325096b39f47\"").get("time").longValue())
                .isEqualTo(1_703_290_796_079_613_600L);
    }
}
