package io.sark.opa.builtins.time;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sark.opa.builtins.Args;
import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.builtins.go.GoDuration;
import io.sark.opa.builtins.go.GoTimeLayout;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code time.*}: nanoseconds since the Unix epoch (the int64 range Go allows), IANA time zones
 * ({@code ""} and {@code "UTC"} are UTC, {@code "Local"} the JVM's zone) and Go's layouts.
 */
public final class TimeBuiltins {
    private TimeBuiltins() {}

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final ConcurrentHashMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    public static List<Builtin> all() {
        return List.of(
                // One decision sees one clock: the context reads it once per evaluation.
                Operands.builtin("time.now_ns", 0, (ctx, a) -> Json.number(ctx.nowNanos())),
                // A layout may be named by its Go constant, as in time.format (OPA's acceptedTimeFormats).
                Operands.builtin("time.parse_ns", 2, (ctx, a) -> Json.number(parse(a.builtin(),
                        GoTimeLayout.named(a.string(0)), a.string(1)))),
                Operands.builtin("time.parse_rfc3339_ns", 1, (ctx, a) -> Json.number(parse(a.builtin(),
                        GoTimeLayout.RFC3339, a.string(0)))),
                Operands.builtin("time.parse_duration_ns", 1, (ctx, a) -> Json.number(
                        GoDuration.parse(a.builtin(), a.string(0)))),
                Operands.builtin("time.date", 1, (ctx, a) -> {
                    ZonedDateTime t = zoned(a.builtin(), a.get(0)).time();
                    return numbers(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
                }),
                Operands.builtin("time.clock", 1, (ctx, a) -> {
                    ZonedDateTime t = zoned(a.builtin(), a.get(0)).time();
                    return numbers(t.getHour(), t.getMinute(), t.getSecond());
                }),
                Operands.builtin("time.weekday", 1, (ctx, a) -> Json.text(
                        zoned(a.builtin(), a.get(0)).time().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))),
                Operands.builtin("time.format", 1, (ctx, a) -> {
                    Zoned z = zoned(a.builtin(), a.get(0));
                    return Json.text(GoTimeLayout.format(z.time(), z.layout()));
                }),
                Operands.builtin("time.add_date", 4, (ctx, a) -> Json.number(addDate(a))),
                Operands.builtin("time.diff", 2, (ctx, a) -> diff(zoned(a.builtin(), a.get(0)).time(), zoned(a.builtin(), a.get(1)).time())));
    }

    static BigInteger parse(String name, String layout, String value) {
        ZonedDateTime t;
        try {
            t = GoTimeLayout.parse(layout, value);
        } catch (GoTimeLayout.ParseException e) {
            throw new BuiltinException(name + ": " + e.getMessage());
        }
        return nanos(name, t.toInstant());
    }

    /** Nanoseconds since the epoch; Go's UnixNano is only defined within int64. */
    static BigInteger nanos(String name, Instant instant) {
        BigInteger ns = BigInteger.valueOf(instant.getEpochSecond()).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(instant.getNano()));
        if (ns.bitLength() > 63) {
            throw new BuiltinException(name + ": time outside of valid range");
        }
        return ns;
    }

    private static ArrayNode numbers(int... values) {
        ArrayNode out = Json.array();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    /** A timestamp in its zone, with the layout {@code time.format} prints it in. */
    record Zoned(ZonedDateTime time, String layout) {}

    /** OPA's argument: nanoseconds, or [nanoseconds, zone], or [nanoseconds, zone, layout]. */
    static Zoned zoned(String name, JsonNode operand) {
        JsonNode ns;
        ZoneId zone = ZoneOffset.UTC;
        String layout = GoTimeLayout.RFC3339_NANO;
        if (operand != null && operand.isArray()) {
            if (operand.isEmpty() || !operand.get(0).isNumber()) {
                throw Args.typeError(name, 1, "either number (ns) or [number (ns), string (tz)]", operand);
            }
            ns = operand.get(0);
            if (operand.size() > 1) {
                if (!operand.get(1).isTextual()) {
                    throw Args.typeError(name, 1, "string", operand.get(1));
                }
                zone = zone(name, operand.get(1).textValue());
            }
            if (operand.size() > 2) {
                if (!operand.get(2).isTextual()) {
                    throw Args.typeError(name, 1, "string", operand.get(2));
                }
                String given = operand.get(2).textValue();
                layout = GoTimeLayout.named(given);
            }
        } else if (operand != null && operand.isNumber()) {
            ns = operand;
        } else {
            throw Args.typeError(name, 1, "either number (ns) or [number (ns), string (tz)]", operand);
        }
        BigDecimal value = ns.decimalValue();
        BigInteger whole;
        try {
            whole = value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new BuiltinException(name + ": timestamp too big");
        }
        if (whole.bitLength() > 63) {
            throw new BuiltinException(name + ": timestamp too big");
        }
        BigInteger[] parts = whole.divideAndRemainder(NANOS_PER_SECOND);
        long seconds = parts[0].longValue();
        long nanos = parts[1].longValue();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000L;
        }
        return new Zoned(Instant.ofEpochSecond(seconds, nanos).atZone(zone), layout);
    }

    static ZoneId zone(String name, String tz) {
        if (tz.isEmpty() || tz.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (tz.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZONES.computeIfAbsent(tz, ZoneId::of);
        } catch (DateTimeException e) {
            throw new BuiltinException(name + ": unknown time zone " + tz);
        }
    }

    /** Go's AddDate: out-of-range months and days roll over (Oct 31 + 1 month = Dec 1). */
    static BigInteger addDate(Operands a) {
        String name = a.builtin();
        ZonedDateTime t = zoned(name, a.number(0)).time();
        long years = a.longValue(1);
        long months = a.longValue(2);
        long days = a.longValue(3);
        try {
            long totalMonths = (t.getMonthValue() - 1) + months + 12 * (t.getYear() + years);
            LocalDate date = LocalDate.of((int) Math.floorDiv(totalMonths, 12L), (int) Math.floorMod(totalMonths, 12L) + 1, 1)
                    .plusDays(t.getDayOfMonth() - 1 + days);
            return nanos(name, ZonedDateTime.of(date, t.toLocalTime(), t.getZone()).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            throw new BuiltinException(name + ": time outside of valid range");
        }
    }

    /** OPA's calendar difference: [years, months, days, hours, minutes, seconds], order-independent. */
    static JsonNode diff(ZonedDateTime a, ZonedDateTime b) {
        ZonedDateTime t1 = a;
        ZonedDateTime t2 = b.withZoneSameInstant(a.getZone());
        if (t1.isAfter(t2)) {
            ZonedDateTime swap = t1;
            t1 = t2;
            t2 = swap;
        }
        int year = t2.getYear() - t1.getYear();
        int month = t2.getMonthValue() - t1.getMonthValue();
        int day = t2.getDayOfMonth() - t1.getDayOfMonth();
        int hour = t2.getHour() - t1.getHour();
        int min = t2.getMinute() - t1.getMinute();
        int sec = t2.getSecond() - t1.getSecond();
        if (sec < 0) {
            sec += 60;
            min--;
        }
        if (min < 0) {
            min += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            // Days in t1's month: Go normalises day 32 of that month and subtracts.
            day += t1.toLocalDate().lengthOfMonth();
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return numbers(year, month, day, hour, min, sec);
    }
}
