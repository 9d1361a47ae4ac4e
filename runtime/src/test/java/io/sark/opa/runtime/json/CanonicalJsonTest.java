package io.sark.opa.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decision-cache key text: one per input OPA cannot tell apart, and different for inputs it can. */
class CanonicalJsonTest {

    private static String canonical(String json) {
        byte[] canonical = CanonicalJson.of(json.getBytes(StandardCharsets.UTF_8));
        return canonical == null ? null : new String(canonical, StandardCharsets.UTF_8);
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatter() {
        assertThat(canonical("{ \"user\" : \"alice\", \"n\": 1.0, \"a\": [1e0, 10, 0.50] }"))
                .isEqualTo(canonical("{\"a\":[1e0,10,0.50],\"n\":1.0,\"user\":\"alice\"}"))
                .isEqualTo("{\"a\":[1e0,10,0.50],\"n\":1.0,\"user\":\"alice\"}");
    }

    @Test
    void numbersKeepTheirSpellingAsOpaDoes() {
        // OPA keeps a number's text (ast.Number is a json.Number, v1/ast/term.go): sprintf("%v", [input.n]) gives
        // "200" for 200 and "2e2" for 2e2, and a result that returns the number returns its text, so the spellings
        // must not share a cache entry
        assertThat(canonical("{\"n\":2e2}")).isNotEqualTo(canonical("{\"n\":200}"));
        assertThat(canonical("[200, 2e2, 2E2, 200.0, 2E+2, -0, 0]")).isEqualTo("[200,2e2,2E2,200.0,2E+2,-0,0]");
    }

    @Test
    void numbersWithAbsurdExponentsAreNeverExpanded() {
        // cheap whatever the exponent: the text is copied, never turned into a BigDecimal
        for (String n : new String[] {"1e2147483647", "1e2147483648", "1e-2147483648", "1e99999999999999999999"}) {
            long start = System.nanoTime();
            assertThat(canonical("{\"n\":" + n + "}")).isEqualTo("{\"n\":" + n + "}");
            assertThat(System.nanoTime() - start).as(n).isLessThan(100_000_000L);
        }
        String digits = "9".repeat(5000); // longer than Jackson's default number length limit
        assertThat(canonical(digits)).isEqualTo(digits);
    }

    @Test
    void aLoneSurrogateIsTheReplacementCharacterAsInGo() {
        // Go's decoder reads an unpaired surrogate escape as U+FFFD, so OPA cannot tell the two apart
        assertThat(canonical("\"\\ud800\"")).isEqualTo(canonical("\"\\ufffd\"")).isEqualTo("\"\ufffd\"");
        assertThat(canonical("\"\\ud83d\\ude00\"")).isEqualTo("\"\ud83d\ude00\"");
    }

    @Test
    void ofARepeatedKeyTheLastCounts() {
        assertThat(canonical("{\"b\":1,\"a\":2,\"b\":3}")).isEqualTo("{\"a\":2,\"b\":3}");
    }

    @Test
    void escapesOfOneStringShareASpelling() {
        assertThat(canonical("{\"\\u0061\":\"\\u0041\\n\"}")).isEqualTo(canonical("{\"a\":\"A\\n\"}"))
                .isEqualTo("{\"a\":\"A\\n\"}");
    }

    @Test
    void differentValuesStayDifferent() {
        assertThat(canonical("{\"n\":1}")).isNotEqualTo(canonical("{\"n\":\"1\"}"));
        assertThat(canonical("[1,2]")).isNotEqualTo(canonical("[2,1]"));
        assertThat(canonical("12345678901234567890.1")).isNotEqualTo(canonical("12345678901234567890.2"));
        assertThat(canonical("1")).isNotEqualTo(canonical("1.0"));
        assertThat(canonical("\"a\\\"b\"")).isEqualTo("\"a\\\"b\"");
    }

    @Test
    void canonicalTextComesBackInANewArray() {
        // a cache keeps the key, and the caller may reuse its array
        byte[] text = "{\"a\":[1,{\"b\":\"c\"}],\"d\":null}".getBytes(StandardCharsets.UTF_8);
        byte[] canonical = CanonicalJson.of(text);
        assertThat(canonical).isEqualTo(text).isNotSameAs(text);
        byte[] spaced = " [1] ".getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalJson.of(spaced)).isEqualTo("[1]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidJsonIsRefused() {
        assertThat(canonical("{\"user\":")).isNull();
        assertThat(canonical("{} {}")).isNull();
    }
}
