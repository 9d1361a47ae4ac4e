package io.sark.opa.builtins.text;


import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** {@code units.parse} (SI and binary suffixes, milli) and {@code units.parse_bytes}, with OPA's messages. */
public final class UnitsBuiltins {
    private UnitsBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("units.parse", 1, (ctx, a) -> Json.number(parse(a.string(0)))),
                Operands.builtin("units.parse_bytes", 1, (ctx, a) -> Json.number(parseBytes(a.string(0)))));
    }

    static BigDecimal parse(String raw) {
        String name = "units.parse";
        String s = raw.replace("\"", "");
        if (s.contains(" ")) {
            throw new BuiltinException(name + ": spaces not allowed in resource strings");
        }
        String[] parts = split(name, s);
        if (parts[0].isEmpty()) {
            throw new BuiltinException(name + ": no amount provided");
        }
        String unit = parts[1];
        // Only letters after the first are lower-cased, so that 'm' (milli) and 'M' (mega) stay apart.
        if (unit.length() > 1) {
            unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
        }
        BigDecimal factor = switch (unit) {
            case "m" -> new BigDecimal(0.001); // OPA's x.SetFloat64(0.001): the double's exact value, not a thousandth
            case "" -> BigDecimal.ONE;
            case "k", "K" -> BigDecimal.TEN.pow(3);
            case "ki", "Ki" -> pow2(10);
            case "M" -> BigDecimal.TEN.pow(6);
            case "mi", "Mi" -> pow2(20);
            case "g", "G" -> BigDecimal.TEN.pow(9);
            case "gi", "Gi" -> pow2(30);
            case "t", "T" -> BigDecimal.TEN.pow(12);
            case "ti", "Ti" -> pow2(40);
            case "p", "P" -> BigDecimal.TEN.pow(15);
            case "pi", "Pi" -> pow2(50);
            case "e", "E" -> BigDecimal.TEN.pow(18);
            case "ei", "Ei" -> pow2(60);
            default -> throw new BuiltinException(name + ": unit " + unit + " not recognized");
        };
        BigDecimal amount = amount(name, "amount", parts[0]).multiply(factor);
        if (amount.stripTrailingZeros().scale() <= 0) {
            return amount;
        }
        // OPA prints non-integral amounts with ten decimals (big.Rat.FloatString: halves away from zero).
        return amount.setScale(10, RoundingMode.HALF_UP);
    }

    static BigInteger parseBytes(String raw) {
        String name = "units.parse_bytes";
        String s = raw.replace("\"", "").toLowerCase(Locale.ROOT);
        if (s.contains(" ")) {
            throw new BuiltinException(name + ": spaces not allowed in resource strings");
        }
        String[] parts = split(name, s);
        if (parts[0].isEmpty()) {
            throw new BuiltinException(name + ": no byte amount provided");
        }
        BigDecimal factor = switch (parts[1]) {
            case "" -> BigDecimal.ONE;
            case "kb", "k" -> BigDecimal.TEN.pow(3);
            case "kib", "ki" -> pow2(10);
            case "mb", "m" -> BigDecimal.TEN.pow(6);
            case "mib", "mi" -> pow2(20);
            case "gb", "g" -> BigDecimal.TEN.pow(9);
            case "gib", "gi" -> pow2(30);
            case "tb", "t" -> BigDecimal.TEN.pow(12);
            case "tib", "ti" -> pow2(40);
            case "pb", "p" -> BigDecimal.TEN.pow(15);
            case "pib", "pi" -> pow2(50);
            case "eb", "e" -> BigDecimal.TEN.pow(18);
            case "eib", "ei" -> pow2(60);
            default -> throw new BuiltinException(name + ": byte unit " + parts[1] + " not recognized");
        };
        // Whole bytes: the fraction is truncated, as Go's big.Float.Int does.
        return amount(name, "byte amount", parts[0]).multiply(factor).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }

    private static BigDecimal pow2(int n) {
        return new BigDecimal(BigInteger.ONE.shiftLeft(n));
    }

    private static BigDecimal amount(String name, String what, String number) {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new BuiltinException(name + ": could not parse " + what + " to a number");
        }
    }

    /** Digits in an exponent beyond which OPA refuses the amount. */
    private static final int MAX_EXPONENT_DIGITS = 6;

    /**
     * OPA's extractNumAndUnit (v1/topdown/parse_bytes.go): the amount runs over digits, dots, signs and an
     * exponent ({@code e} or {@code E} followed by a digit or sign); the rest is the unit.
     */
    private static String[] split(String name, String s) {
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                if (!isDigit(next) && next != '+' && next != '-') {
                    break;
                }
                int start = i + 1 + (next == '+' || next == '-' ? 1 : 0);
                int end = start;
                while (end < s.length() && isDigit(s.charAt(end))) {
                    end++;
                }
                if (end - start > MAX_EXPONENT_DIGITS) {
                    throw new BuiltinException(name + ": exponent too large");
                }
                i = start - 1;
            } else if (!isDigit(c) && c != '.' && c != '+' && c != '-') {
                break;
            }
        }
        return new String[] {s.substring(0, i), s.substring(i)};
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
