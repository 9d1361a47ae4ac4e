package io.sark.opa.builtins.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

/**
 * {@code yaml.unmarshal} reads YAML as OPA does: OPA's builtin (v1/topdown/encoding.go) calls sigs.k8s.io/yaml's
 * YAMLToJSON, which decodes with go-yaml v2 (YAML 1.1 resolution, goyaml.v2/resolve.go) and writes the result with
 * encoding/json.
 */
class GoYamlTest {

    private static String read(String yaml) {
        return YamlBuiltins.unmarshal(yaml).toString();
    }

    @Test
    void plainYesNoOnOffAreBooleansButQuotedOnesStayText() {
        assertThat(read("enabled: yes\nlegacy: No\nswitch: on\nlamp: OFF\nshort: y\nquoted: 'yes'\nblock: |\n  no\n"))
                .isEqualTo("{\"enabled\":true,\"legacy\":false,\"switch\":true,\"lamp\":false,\"short\":true,"
                        + "\"quoted\":\"yes\",\"block\":\"no\\n\"}");
    }

    @Test
    void integersTakeGoPrefixesLeadingZeroOctalAndUnderscores() {
        assertThat(read("mode: 0644\nmask: 0xFF\nflags: 0b101\nperm: 0o750\nbig: 1_000_000\nsigned: +7\nnotoctal: 09"))
                .isEqualTo("{\"mode\":420,\"mask\":255,\"flags\":5,\"perm\":488,\"big\":1000000,\"signed\":7,"
                        + "\"notoctal\":9}");
    }

    @Test
    void floatsAreWrittenAsGoWritesJsonNumbers() {
        assertThat(read("a: 2.50\nb: .25\nc: 3e2\nd: 1.\ne: -0.5e-3")).isEqualTo("{\"a\":2.5,\"b\":0.25,\"c\":300,\"d\":1,\"e\":-0.0005}");
    }

    @Test
    void textThatOnlyLooksLikeANumberOrTimeStaysText() {
        assertThat(read("clock: 12:30\nday: 2024-02-29\nver: 1.2.3\nhuge: 1e999\ntilde: ~\nnothing:"))
                .isEqualTo("{\"clock\":\"12:30\",\"day\":\"2024-02-29\",\"ver\":\"1.2.3\",\"huge\":\"1e999\","
                        + "\"tilde\":null,\"nothing\":null}");
    }

    @Test
    void booleanAndNumberKeysBecomeTheirText() {
        assertThat(read("on: 1\n2: b")).isEqualTo("{\"true\":1,\"2\":\"b\"}");
        assertThatThrownBy(() -> read("~: x")).isInstanceOf(BuiltinException.class)
                .hasMessageContaining("unsupported map key");
    }

    @Test
    void mergeKeysCopyTheAnchoredMapping() {
        assertThat(read("defaults: &d {port: 80, tls: off}\nsite:\n  <<: *d\n  port: 8080"))
                .isEqualTo("{\"defaults\":{\"port\":80,\"tls\":false},\"site\":{\"port\":8080,\"tls\":false}}");
    }

    @Test
    void unknownTagsKeepScalarsAsTextAndCollectionsAsUsual() {
        assertThat(read("bucket: !Ref Logs\nport: !Param 443\narn: !GetAtt [Logs, Arn]\nenv: !Env {stage: dev}"))
                .isEqualTo("{\"bucket\":\"Logs\",\"port\":\"443\",\"arn\":[\"Logs\",\"Arn\"],\"env\":{\"stage\":\"dev\"}}");
    }

    @Test
    void infinityHasNoJsonNumber() {
        assertThatThrownBy(() -> read("limit: .inf")).isInstanceOf(BuiltinException.class);
    }

    /**
     * yaml.marshal goes through JSON to go-yaml v2 (sigs.k8s.io/yaml JSONToYAML): a number with a point or an
     * exponent, or an integer beyond uint64, becomes a float64, which the encoder writes with
     * strconv.FormatFloat(f, 'g', -1, 64) (goyaml.v2/encode.go floatv).
     */
    @Test
    void marshalWritesFloatsAsGoFormatsThem() {
        String yaml = YamlBuiltins.marshal(YamlBuiltins.unmarshal("{\"a\": 1234567.5, \"b\": 1e21, \"c\": 1.5, \"d\": 100,"
                + " \"e\": 0.00001, \"f\": 2.0, \"g\": 123456.7, \"h\": -0.25, \"i\": 123456789012345678901234}"));
        assertThat(yaml).isEqualTo("a: 1.2345675e+06\nb: 1e+21\nc: 1.5\nd: 100\ne: 1e-05\nf: 2\ng: 123456.7\nh: -0.25\n"
                + "i: 1.2345678901234569e+23\n");
        assertThat(read(yaml)).isEqualTo("{\"a\":1234567.5,\"b\":1E+21,\"c\":1.5,\"d\":100,\"e\":0.00001,\"f\":2,"
                + "\"g\":123456.7,\"h\":-0.25,\"i\":1.2345678901234569E+23}");
    }

    /** go-yaml v2's encoder double-quotes a string that would read back as something else (goyaml.v2/encode.go). */
    @Test
    void marshalQuotesStringsThatWouldReadBackAsOtherValues() {
        String yaml = YamlBuiltins.marshal(YamlBuiltins.unmarshal(
                "{\"answer\": \"yes\", \"mode\": \"0644\", \"day\": \"2024-02-29\", \"clock\": \"12:30\", \"name\": \"web\", \"on\": true}"));
        assertThat(yaml).isEqualTo("answer: \"yes\"\nclock: \"12:30\"\nday: \"2024-02-29\"\nmode: \"0644\"\nname: web\n\"on\": true\n");
        assertThat(read(yaml)).isEqualTo("{\"answer\":\"yes\",\"clock\":\"12:30\",\"day\":\"2024-02-29\",\"mode\":\"0644\","
                + "\"name\":\"web\",\"on\":true}");
    }
}
