package io.sark.opa.builtins;

import static io.sark.opa.builtins.Calls.call;
import static io.sark.opa.builtins.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.opa.engine.BuiltinException;
import org.junit.jupiter.api.Test;

class TimeBuiltinsTest {

    @Test
    void nowIsTheEvaluationsClock() {
        TestContext ctx = TestContext.at(1_700_000_000_123_456_789L);
        assertThat(call(ctx, "time.now_ns").longValue()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(call(ctx, "time.now_ns").longValue()).isEqualTo(1_700_000_000_123_456_789L);
    }

    @Test
    void parsesRfc3339WithFractionAndOffset() {
        assertThat(call("time.parse_rfc3339_ns", "\"2017-06-02T19:00:00.123456789-07:00\"").longValue())
                .isEqualTo(1_496_455_200_123_456_789L);
        assertThat(call("time.parse_rfc3339_ns", "\"1970-01-01T00:00:00Z\"").longValue()).isZero();
    }

    @Test
    void parsesGoLayouts() {
        assertThat(call("time.parse_ns", "\"2006-01-02\"", "\"2017-06-02\"").longValue()).isEqualTo(1_496_361_600_000_000_000L);
        assertThat(call("time.parse_ns", "\"Mon Jan _2 15:04:05 MST 2006\"", "\"Fri Jun  2 19:00:00 UTC 2017\"").longValue())
                .isEqualTo(1_496_430_000_000_000_000L);
        assertThatThrownBy(() -> call("time.parse_ns", "\"2006-01-02\"", "\"2017-13-02\""))
                .isInstanceOf(BuiltinException.class).hasMessageContaining("month out of range");
    }

    @Test
    void parseTakesALayoutByItsGoConstantName() {
        // OPA's v1/topdown/time.go: builtinTimeParseNanos looks the layout up in acceptedTimeFormats first.
        assertThat(call("time.parse_ns", "\"RFC822Z\"", "\"02 Jun 17 19:00 -0700\"").longValue())
                .isEqualTo(1_496_455_200_000_000_000L);
        assertThat(call("time.parse_ns", "\"RFC3339\"", "\"2017-06-02T19:00:00-07:00\"").longValue())
                .isEqualTo(1_496_455_200_000_000_000L);
    }

    @Test
    void nanosecondsOutsideInt64AreAnError() {
        assertThatThrownBy(() -> call("time.parse_rfc3339_ns", "\"2262-04-11T23:47:16.854775808Z\""))
                .hasMessageContaining("time outside of valid range");
        assertThat(call("time.parse_rfc3339_ns", "\"2262-04-11T23:47:16.854775807Z\"").longValue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void formatsInZonesAndLayouts() {
        long ns = 1_670_006_453_141_828_752L;
        assertThat(text("time.format", Long.toString(ns))).isEqualTo("2022-12-02T18:40:53.141828752Z");
        assertThat(text("time.format", "[" + ns + ", \"Asia/Kolkata\"]")).isEqualTo("2022-12-03T00:10:53.141828752+05:30");
        assertThat(text("time.format", "[" + ns + ", \"Asia/Kolkata\", \"Mon Jan 02 15:04:05 -0700 2006\"]"))
                .isEqualTo("Sat Dec 03 00:10:53 +0530 2022");
        assertThat(text("time.format", "[" + ns + ", \"UTC\", \"RFC1123\"]")).isEqualTo("Fri, 02 Dec 2022 18:40:53 UTC");
    }

    @Test
    void datesClocksAndWeekdaysHonourTheZone() {
        assertThat(call("time.date", "[1517814000000000000, \"America/Los_Angeles\"]").toString()).isEqualTo("[2018,2,4]");
        assertThat(call("time.clock", "[1517832000000000000, \"America/New_York\"]").toString()).isEqualTo("[7,0,0]");
        assertThat(text("time.weekday", "1518264000000000000")).isEqualTo("Saturday");
        assertThatThrownBy(() -> call("time.date", "[0, \"Mars/Olympus\"]")).isInstanceOf(BuiltinException.class);
        assertThatThrownBy(() -> call("time.date", "1.5")).hasMessageContaining("timestamp too big");
    }

    @Test
    void addDateNormalisesLikeGo() {
        // 2018-01-31 + 1 month = 2018-02-31, which Go normalises to 2018-03-03.
        long jan31 = call("time.parse_rfc3339_ns", "\"2018-01-31T00:00:00Z\"").longValue();
        long expected = call("time.parse_rfc3339_ns", "\"2018-03-03T00:00:00Z\"").longValue();
        assertThat(call("time.add_date", Long.toString(jan31), "0", "1", "0").longValue()).isEqualTo(expected);
    }

    @Test
    void diffIsCalendarAware() {
        long a = call("time.parse_rfc3339_ns", "\"2020-02-28T10:00:00Z\"").longValue();
        long b = call("time.parse_rfc3339_ns", "\"2021-03-01T09:30:15Z\"").longValue();
        // Field by field: 1y 1m -27d -1h 30m 15s; the hour borrows a day, and the day borrows the length of
        // the earlier date's month (February 2020: 29 days) as OPA's diff does: -28 + 29 = 1 day, 0 months.
        assertThat(call("time.diff", Long.toString(b), Long.toString(a)).toString()).isEqualTo("[1,0,1,23,30,15]");
    }

    @Test
    void durations() {
        assertThat(call("time.parse_duration_ns", "\"1h2m3.5s\"").longValue()).isEqualTo(3_723_500_000_000L);
        assertThat(call("time.parse_duration_ns", "\"-1.5us\"").longValue()).isEqualTo(-1_500L);
        assertThatThrownBy(() -> call("time.parse_duration_ns", "\"10\"")).hasMessageContaining("missing unit");
    }
}
