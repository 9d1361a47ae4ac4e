package io.sark.opa.builtins.go;

import io.sark.opa.engine.BuiltinException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/** Go's time.ParseDuration: a signed sequence of decimal numbers with units ns, us (µs), ms, s, m, h. */
public final class GoDuration {
    private GoDuration() {}

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    public static BigInteger parse(String name, String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return BigInteger.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(name, text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(name, text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new BuiltinException(name + ": time: missing unit in duration \"" + text + "\"");
            }
            Long factor = UNITS.get(unit);
            if (factor == null) {
                throw new BuiltinException(name + ": time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number).multiply(BigDecimal.valueOf(factor)));
        }
        BigInteger nanos = total.setScale(0, RoundingMode.DOWN).toBigInteger();
        if (nanos.bitLength() > 63) {
            throw invalid(name, text);
        }
        return negative ? nanos.negate() : nanos;
    }

    private static BuiltinException invalid(String name, String text) {
        return new BuiltinException(name + ": time: invalid duration \"" + text + "\"");
    }
}
