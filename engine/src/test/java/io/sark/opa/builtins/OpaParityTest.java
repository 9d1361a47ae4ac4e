package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sark.opa.engine.BuiltinException;
import io.sark.opa.engine.Builtins;
import io.sark.opa.engine.KeyedObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Results and error texts that follow OPA's Go source, cited per test. */
class OpaParityTest {

    /** v1/topdown/casts.go: names ParseFloat reads as non-finite numbers are refused, in any case and sign. */
    @ParameterizedTest
    @ValueSource(strings = {"nan", "inf", "-inf", "Infinity", "-Infinity", "-nan", "-NaN", "iNf", "+-INF"})
    void toNumberRefusesNonFiniteNamesAsTypeErrors(String text) {
        assertThatThrownBy(() -> call("to_number", "\"" + text + "\""))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("to_number: operand 1 must be valid number string but got string");
        assertThat(call("to_number", "\"-1.5e3\"").decimalValue()).isEqualByComparingTo("-1500");
    }

    /** v1/topdown/strings.go: an empty search string is an error for indexof and indexof_n. */
    @Test
    void indexOfAnEmptySearchIsAnError() {
        assertThatThrownBy(() -> call("indexof", "\"\"", "\"\""))
                .isInstanceOf(BuiltinException.class)
                .isNotInstanceOf(BuiltinTypeException.class)
                .hasMessage("indexof: empty search character");
        assertThatThrownBy(() -> call("indexof_n", "\"abc\"", "\"\"")).hasMessage("indexof_n: empty search character");
        assertThat(call("indexof", "\"abc\"", "\"c\"").intValue()).isEqualTo(2);
    }

    /** v1/topdown/strings.go: replace_n checks its pattern keys in key order, and a non-string key is a type error. */
    @Test
    void replaceNRefusesNonStringPatternKeys() {
        KeyedObjectNode patterns = new KeyedObjectNode(Json.NODES);
        patterns.put(TextNode.valueOf("a"), TextNode.valueOf("b"));
        patterns.put(IntNode.valueOf(1), TextNode.valueOf("x"));
        var replaceN = Builtins.defaults().find("strings.replace_n").orElseThrow();
        assertThat(replaceN.seesSets()).as("reads Rego values, where keys keep their type").isTrue();
        assertThatThrownBy(() -> replaceN.call(TestContext.fresh(), patterns, TextNode.valueOf("a1")))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("strings.replace_n: operand 1 non-string key found in pattern object");
        assertThat(call("strings.replace_n", "{\"1\": \"x\", \"a\": \"b\"}", "\"a1\"").textValue()).isEqualTo("bx");
    }

    private static final String OCT_KEY = "\"{\\\"kty\\\":\\\"oct\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\"";

    private static String signedWithHeader(String headerJson) {
        return call("io.jwt.encode_sign_raw", Json.text(headerJson).toString(), "\"{\\\"sub\\\":\\\"alice\\\"}\"", OCT_KEY)
                .textValue();
    }

    private static String decodeVerify(String token) {
        return call("io.jwt.decode_verify", Json.text(token).toString(), "{\"secret\": \"secret\", \"time\": 0}").toString();
    }

    /**
     * v1/topdown/tokens.go (tokenHeader.valid, RFC 7515 4.1.11): a token whose crit names a parameter it carries
     * that OPA does not understand is not verified, however good its signature.
     */
    @Test
    void decodeVerifyRefusesCriticalParametersItDoesNotUnderstand() {
        String critical = signedWithHeader("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}");
        assertThat(call("io.jwt.verify_hs256", Json.text(critical).toString(), "\"secret\"").booleanValue())
                .as("the signature itself is good").isTrue();
        assertThat(decodeVerify(critical)).isEqualTo("[false,{},{}]");
        // parameters OPA knows may be critical, and crit only speaks of the parameters the header carries
        assertThat(decodeVerify(signedWithHeader("{\"alg\":\"HS256\",\"crit\":[\"alg\",\"b64x\"]}")))
                .startsWith("[true,");
        assertThatThrownBy(() -> decodeVerify(signedWithHeader("{\"alg\":\"HS256\",\"crit\":\"exp\"}")))
                .hasMessage("io.jwt.decode_verify: crit: must be a list");
        assertThatThrownBy(() -> decodeVerify(signedWithHeader("{\"alg\":\"HS256\",\"crit\":[]}")))
                .hasMessage("io.jwt.decode_verify: crit: must be a nonempty list");
        assertThatThrownBy(() -> decodeVerify(signedWithHeader("{\"alg\":\"HS256\",\"kid\":1}")))
                .hasMessage("io.jwt.decode_verify: kid: must be a string");
    }

    /** v1/topdown/tokens.go commonBuiltinJWTEncodeSign: alg is read with jwx's jwsbb, whose errors OPA wraps. */
    @Test
    void encodeSignReportsHeaderErrorsAsOpaDoes() {
        assertThatThrownBy(() -> signedWithHeader("{\"typ:\"JWT\", \"alg\":\"HS256\"}"))
                .hasMessageStartingWith("io.jwt.encode_sign_raw: missing or invalid 'alg' header: cannot parse JSON");
        assertThatThrownBy(() -> signedWithHeader("{}"))
                .hasMessage("io.jwt.encode_sign_raw: missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        assertThatThrownBy(() -> signedWithHeader("e"))
                .as("fastjson reads a bare word of number characters as a value without fields")
                .hasMessage("io.jwt.encode_sign_raw: missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        assertThatThrownBy(() -> signedWithHeader("{\"alg\":1}"))
                .hasMessageEndingWith("value doesn't contain string; it contains number");
        assertThatThrownBy(() -> signedWithHeader("{\"alg\":\"dummy\"}"))
                .hasMessage("io.jwt.encode_sign_raw: unknown JWS algorithm: dummy");
        assertThatThrownBy(() -> call("io.jwt.encode_sign_raw", "\"{\\\"alg\\\":\\\"HS256\\\"}\"", "\"e\"", OCT_KEY))
                .hasMessage("io.jwt.encode_sign_raw: type is JWT but payload is not JSON");
        assertThat(call("io.jwt.encode_sign_raw", "\"{\\\"alg\\\":\\\"HS256\\\",\\\"typ\\\":\\\"\\\"}\"", "\"e\"", OCT_KEY)
                .textValue()).as("a typ other than JWT lets any payload through").contains(".");
    }

    /** v1/topdown/encoding.go: option errors are operand errors, of the type-error kind, naming the quoted key. */
    @Test
    void marshalWithOptionsRefusesUnknownAndIllTypedOptions() {
        assertThatThrownBy(() -> call("json.marshal_with_options", "[1]", "{\"pretty\": true, \"lottery\": 1}"))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("json.marshal_with_options: operand 2 object contained unknown key \"lottery\"");
        assertThatThrownBy(() -> call("json.marshal_with_options", "[1]", "{\"pretty\": 1}"))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("json.marshal_with_options: operand 2 key \"pretty\" failed cast to bool");
        assertThatThrownBy(() -> call("json.marshal_with_options", "[1]", "{\"indent\": \" \", \"prefix\": 1}"))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("json.marshal_with_options: operand 2 key \"prefix\" failed cast to string:"
                        + " operand 1 must be string but got number");
        assertThat(call("json.marshal_with_options", "[1]", "{\"indent\": \" \", \"prefix\": \">\"}").textValue())
                .isEqualTo(">[\n> 1\n>]");
    }

    private static final String AWS_CONFIG = "{\"aws_access_key\": \"k\", \"aws_secret_access_key\": \"s\","
            + " \"aws_service\": \"s3\", \"aws_region\": \"eu-west-1\"}";

    /** v1/topdown/providers.go: operand checks, with OPA's operand numbers and texts, are type errors. */
    @Test
    void awsSignReqChecksItsOperandsAsOpaDoes() {
        String request = "{\"method\": \"get\", \"url\": \"https://example.com/a?b=c\"}";
        assertThatThrownBy(() -> call("providers.aws.sign_req", request, "{\"aws_service\": \"s3\"}", "0"))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("providers.aws.sign_req: operand 2 missing required AWS config parameters(s):"
                        + " {\"aws_access_key\", \"aws_region\", \"aws_secret_access_key\"}");
        assertThatThrownBy(() -> call("providers.aws.sign_req", request, AWS_CONFIG.replace("\"s3\"", "1"), "0"))
                .hasMessage("providers.aws.sign_req: operand 2 invalid values for required AWS config parameters(s): {\"aws_service\"}");
        assertThatThrownBy(() -> call("providers.aws.sign_req", "{\"url\": \"u\", \"verb\": 1}", AWS_CONFIG, "0"))
                .hasMessage("providers.aws.sign_req: operand 1 invalid request parameters(s): {\"verb\"}");
        assertThatThrownBy(() -> call("providers.aws.sign_req", "{\"url\": \"u\"}", AWS_CONFIG, "0"))
                .hasMessage("providers.aws.sign_req: operand 1 missing required request parameters(s): {\"method\"}");
        assertThatThrownBy(() -> call("providers.aws.sign_req", "{\"url\": 1, \"method\": true}", AWS_CONFIG, "0"))
                .hasMessage("providers.aws.sign_req: operand 1 invalid values for required request parameters(s):"
                        + " {\"method\", \"url\"}");
        assertThatThrownBy(() -> call("providers.aws.sign_req", request, AWS_CONFIG, "1.5"))
                .isInstanceOf(BuiltinTypeException.class)
                .hasMessage("providers.aws.sign_req: operand 3 could not convert time_ns value into a unix timestamp");
        assertThatThrownBy(() -> call("providers.aws.sign_req", request,
                AWS_CONFIG.replace("}", ", \"disable_payload_signing\": \"yes\"}"), "0"))
                .hasMessage("providers.aws.sign_req: operand 2 invalid value for 'disable_payload_signing' in AWS config");
        var signed = call("providers.aws.sign_req", request.replace("}", ", \"headers\": {\"User-Agent\": \"x\"}}"),
                AWS_CONFIG.replace("}", ", \"disable_payload_signing\": true}"), "1451311705000000000");
        assertThat(signed.at("/headers/x-amz-content-sha256").textValue()).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(signed.at("/headers/User-Agent").textValue()).isEqualTo("x");
        assertThat(signed.at("/headers/Authorization").textValue())
                .as("user-agent is left unsigned; the scope names the day, region and service")
                .startsWith("AWS4-HMAC-SHA256 Credential=k/20151228/eu-west-1/s3/aws4_request,"
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=");
    }

    /**
     * v1/topdown/parse_units.go: milli is big.Rat SetFloat64(0.001), the double nearest a thousandth (a little more than
     * it), and a fraction prints with ten decimals (FloatString(10)), so a large milli amount shows the difference.
     */
    @Test
    void milliIsTheDoubleNearestAThousandth() {
        assertThat(call("units.parse", "\"123456789012m\"").decimalValue()).isEqualByComparingTo("123456789.0120000026");
        assertThat(call("units.parse", "\"1500m\"").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(call("units.parse", "\"1m\"").decimalValue()).isEqualByComparingTo("0.001");
    }

    /** v1/topdown/parse_bytes.go extractNumAndUnit: amounts in scientific notation, with at most six exponent digits. */
    @Test
    void unitsAcceptScientificNotation() {
        assertThat(call("units.parse", "\"1e3M\"").decimalValue()).isEqualByComparingTo("1000000000");
        assertThat(call("units.parse", "\"7.8E-1\"").decimalValue()).isEqualByComparingTo("0.78");
        assertThat(call("units.parse", "\"-2.5e3Ki\"").decimalValue()).isEqualByComparingTo("-2560000");
        assertThat(call("units.parse", "\"2E\"").decimalValue()).as("a trailing E is the exa unit")
                .isEqualByComparingTo("2000000000000000000");
        assertThat(call("units.parse_bytes", "\"1.5e1KiB\"").longValue()).isEqualTo(15360);
        assertThatThrownBy(() -> call("units.parse", "\"1e1234567\"")).hasMessage("units.parse: exponent too large");
        assertThatThrownBy(() -> call("units.parse_bytes", "\"1.2.3kb\""))
                .hasMessage("units.parse_bytes: could not parse byte amount to a number");
    }

    /**
     * v1/topdown/cidr.go and internal/cidr/merge: touching or overlapping blocks merge into their fewest CIDRs; a
     * lone block comes back as read, an IPv4 address with its class's default mask and its host bits kept.
     */
    @Test
    void cidrMergeMergesAsOpaDoes() {
        assertThat(call("net.cidr_merge", "[\"10.0.0.0/32\", \"10.0.0.1/32\", \"10.0.0.2/31\"]").toString())
                .isEqualTo("[\"10.0.0.0/30\"]");
        assertThat(call("net.cidr_merge", "[\"192.168.0.0/24\", \"192.168.2.0/24\", \"192.168.1.0/24\"]").toString())
                .as("three /24s: a /23 and the /24 left over").isEqualTo("[\"192.168.0.0/23\",\"192.168.2.0/24\"]");
        assertThat(call("net.cidr_merge", "[\"10.0.0.1\"]").toString()).isEqualTo("[\"10.0.0.1/8\"]");
        assertThat(call("net.cidr_merge", "[\"172.16.5.4\", \"192.168.7.1\"]").toString())
                .isEqualTo("[\"172.16.5.4/16\",\"192.168.7.1/24\"]");
        assertThat(call("net.cidr_merge", "[\"10.1.2.3\", \"10.200.0.0/16\"]").toString())
                .as("the address's /8 holds the /16").isEqualTo("[\"10.0.0.0/8\"]");
        assertThat(call("net.cidr_merge", "[\"2001:db8::1/64\", \"2001:db8:0:1::/64\"]").toString())
                .isEqualTo("[\"2001:db8::/63\"]");
        assertThatThrownBy(() -> call("net.cidr_merge", "[\"2001:db8::1\"]"))
                .hasMessage("net.cidr_merge: IPv6 invalid: needs prefix length");
        assertThatThrownBy(() -> call("net.cidr_merge", "[1]")).hasMessage("net.cidr_merge: element must be string");
    }

    private static boolean globMatches(String glob, String text) {
        return call("glob.match", Json.text(glob).toString(), "null", Json.text(text).toString()).booleanValue();
    }

    /**
     * v1/topdown/glob.go compiles with gobwas/glob v0.2.3 (syntax/lexer, syntax/ast/parser.go): a class holds one
     * range or one list, a range must not run backwards, and its errors are OPA's.
     */
    @Test
    void globMatchReadsClassesAsGobwasDoes() {
        assertThatThrownBy(() -> globMatches("[a-zA-Z]", "a")).hasMessage("glob.match: expected close range character");
        assertThatThrownBy(() -> globMatches("[z-a]", "a")).hasMessage("glob.match: hi character 'a' should be greater than lo 'z'");
        assertThatThrownBy(() -> globMatches("x[]", "x")).hasMessage("glob.match: could not parse range");
        assertThatThrownBy(() -> globMatches("[a-z", "a")).hasMessage("glob.match: unexpected end of input");
        assertThat(globMatches("[!a-c]x", "dx")).isTrue();
        assertThat(globMatches("[!a-c]x", "bx")).isFalse();
        assertThat(globMatches("[abc-]", "-")).as("a list may hold '-' last").isTrue();
        assertThat(globMatches("a}b,c", "a}b,c")).as("'}' and ',' are plain outside braces").isTrue();
        assertThat(globMatches("{a,b", "b")).as("an unclosed brace ends with the glob").isTrue();
        assertThat(globMatches("\\*x", "*x")).isTrue();
    }
}
