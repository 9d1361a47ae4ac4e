package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OPA's time cases whose rules iterate over input or combine calls: the same calls, OPA's expected values. */
class TimeCasesTest {

    private static JsonNode timeCase(String note) throws IOException {
        return ConformanceCases.named("time", note);
    }

    @Test
    void parseNanosOverLayoutsAndTheInt64Range() throws IOException {
        JsonNode c = timeCase("time/parse_nanos");
        JsonNode expected = c.path("want_result").get(0).get("x");
        var cases = c.path("input").path("cases").fields();
        int checked = 0;
        while (cases.hasNext()) {
            Map.Entry<String, JsonNode> e = cases.next();
            JsonNode got = direct("time.parse_ns", e.getValue().get("layout"), e.getValue().get("value"));
            assertThat(got.bigIntegerValue()).as("case %s", e.getKey()).isEqualTo(expected.get(e.getKey()).bigIntegerValue());
            checked++;
        }
        assertThat(checked).isEqualTo(5);
    }

    @Test
    void calendarDifferences() throws IOException {
        JsonNode expected = timeCase("time/diff").path("want_result").get(0);
        assertThat(diff("2020-02-02", "2020-03-01")).isEqualTo(expected.get("leap_year"));
        assertThat(diff("2021-02-02", "2021-03-01")).isEqualTo(expected.get("not_leap_year"));
        assertThat(diff("2004-02-29", "2005-03-01")).isEqualTo(expected.get("leap_year_one_day"));
        TestContext ctx = TestContext.fresh();
        long now = call(ctx, "time.now_ns").longValue();
        assertThat(call(ctx, "time.diff", Long.toString(now + 61_000_000_000L), Long.toString(now)))
                .isEqualTo(expected.get("minute_second"));
        assertThat(call(ctx, "time.diff", "[" + (now + 60_000_000_000L) + ", \"UTC\"]", "[" + now + ", \"Asia/Shanghai\"]"))
                .isEqualTo(expected.get("different_tz"));
    }

    private static JsonNode diff(String a, String b) {
        String layout = "\"2006-01-02\"";
        return call("time.diff", call("time.parse_ns", layout, "\"" + a + "\"").toString(),
                call("time.parse_ns", layout, "\"" + b + "\"").toString());
    }

    private static JsonNode direct(String name, JsonNode... args) {
        return io.sark.opa.engine.Builtins.defaults().find(name).orElseThrow().call(TestContext.fresh(), args);
    }
}
