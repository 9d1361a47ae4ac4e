package io.sark.opa.deployment.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decision-cache key text: one per JSON value, whatever its spelling. */
class CanonicalJsonTest {

    private static String canonical(String json) throws IOException {
        return CanonicalJson.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keyOrderWhitespaceAndNumberSpellingDoNotMatter() throws IOException {
        assertThat(canonical("{ \"user\" : \"alice\", \"n\": 1.0, \"a\": [1e0, 10, 0.50] }"))
                .isEqualTo(canonical("{\"a\":[1,1E1,0.5],\"n\":1,\"user\":\"alice\"}"))
                .isEqualTo("{\"a\":[1,10,0.5],\"n\":1,\"user\":\"alice\"}");
    }

    @Test
    void wholeNumbersShareOneSpellingAtEverySize() throws IOException {
        assertThat(canonical("[100, 1e2, 100.0, -7, -7.00]")).isEqualTo("[100,100,100,-7,-7]");
        // at 19 digits the integer leaves the fast path; its decimal spelling must still meet it
        assertThat(canonical("1234567890123456789")).isEqualTo(canonical("1234567890123456789.000"));
        assertThat(canonical("999999999999999999")).isEqualTo(canonical("9.99999999999999999e17"));
        assertThat(canonical("123456789012345678901234567890")).isEqualTo(canonical("1.2345678901234567890123456789e29"));
    }

    @Test
    void decimalsWrittenAsTextMeetTheirOtherSpellings() throws IOException {
        assertThat(canonical("[12.50, -0.0, 0.000001, 0.0000001, -3.10]"))
                .isEqualTo(canonical("[1.25e1, 0, 1e-6, 1E-7, -0.31e1]"))
                .isEqualTo("[12.5,0,0.000001,1E-7,-3.1]");
        assertThat(canonical("-9223372036854775808")).isEqualTo(canonical("-9223372036854775808.0"));
        assertThat(canonical("12345678901234567890.10")).isEqualTo(canonical("1.23456789012345678901e19"));
    }

    @Test
    void ofARepeatedKeyTheLastCounts() throws IOException {
        assertThat(canonical("{\"b\":1,\"a\":2,\"b\":3}")).isEqualTo("{\"a\":2,\"b\":3}");
    }

    @Test
    void escapesOfOneStringShareASpelling() throws IOException {
        assertThat(canonical("{\"\\u0061\":\"\\u0041\\n\"}")).isEqualTo(canonical("{\"a\":\"A\\n\"}"))
                .isEqualTo("{\"a\":\"A\\n\"}");
    }

    @Test
    void differentValuesStayDifferent() throws IOException {
        assertThat(canonical("{\"n\":1}")).isNotEqualTo(canonical("{\"n\":\"1\"}"));
        assertThat(canonical("[1,2]")).isNotEqualTo(canonical("[2,1]"));
        assertThat(canonical("12345678901234567890.1")).isNotEqualTo(canonical("12345678901234567890.2"));
        assertThat(canonical("\"a\\\"b\"")).isEqualTo("\"a\\\"b\"");
    }

    @Test
    void invalidJsonIsRefused() {
        assertThatThrownBy(() -> canonical("{\"user\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> canonical("{} {}")).isInstanceOf(IOException.class);
    }
}
