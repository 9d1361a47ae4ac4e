package io.sark.opa.builtins.go;

import com.fasterxml.jackson.databind.JsonNode;
import io.sark.opa.builtins.RegoText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} as OPA's {@code sprintf} uses it. OPA hands Go an {@code int} for integral numbers
 * that fit, a {@code *big.Int} for larger integers, a {@code float64} for other numbers, the string for strings
 * and the Rego text of any other value as a string; Go's error notation ({@code %!d(string=x)},
 * {@code %!v(MISSING)}, {@code %!(EXTRA ...)}) is reproduced.
 */
public final class GoFormat {
    private GoFormat() {}

    private enum Kind { INT, BIG_INT, FLOAT, STRING }

    private record Arg(Kind kind, BigInteger integer, double real, String text) {

        static Arg of(JsonNode v) {
            if (v.isNumber()) {
                // Go sees the number's text: integer literals become int or *big.Int, any literal with a
                // fraction or exponent a float64, and one beyond float64 its own text.
                if (v.isIntegralNumber()) {
                    BigInteger i = v.bigIntegerValue();
                    return new Arg(i.bitLength() < 64 ? Kind.INT : Kind.BIG_INT, i, 0, null);
                }
                BigDecimal d = v.decimalValue();
                double real = d.doubleValue();
                if (Double.isInfinite(real)) {
                    String text = d.toString().toLowerCase(java.util.Locale.ROOT).replace("e+", "e");
                    return new Arg(Kind.STRING, null, 0, text);
                }
                return new Arg(Kind.FLOAT, null, real, null);
            }
            if (v.isTextual()) {
                return new Arg(Kind.STRING, null, 0, v.textValue());
            }
            return new Arg(Kind.STRING, null, 0, RegoText.of(v));
        }

        String goType() {
            return switch (kind) {
                case INT -> "int";
                case BIG_INT -> "*big.Int";
                case FLOAT -> "float64";
                case STRING -> "string";
            };
        }

        /** The value as {@code %v} prints it, for Go's error notation. */
        String plain() {
            return switch (kind) {
                case INT, BIG_INT -> integer.toString();
                case FLOAT -> shortestG(real, false);
                case STRING -> text;
            };
        }
    }

    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;
    }

    public static String sprintf(String format, List<JsonNode> values) {
        List<Arg> args = new ArrayList<>(values.size());
        values.forEach(v -> args.add(Arg.of(v)));
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            Spec spec = new Spec();
            while (i < n && "+-# 0".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i)) {
                    case '+' -> spec.plus = true;
                    case '-' -> spec.minus = true;
                    case '#' -> spec.sharp = true;
                    case ' ' -> spec.space = true;
                    default -> spec.zero = true;
                }
                i++;
            }
            if (i < n && format.charAt(i) == '*') {
                i++;
                if (next < args.size() && args.get(next).kind() == Kind.INT) {
                    spec.width = args.get(next++).integer().intValue();
                } else {
                    out.append("%!(BADWIDTH)");
                }
            } else {
                int start = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    spec.width = Integer.parseInt(format.substring(start, i));
                }
            }
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    i++;
                    if (next < args.size() && args.get(next).kind() == Kind.INT) {
                        spec.precision = args.get(next++).integer().intValue();
                    } else {
                        out.append("%!(BADPREC)");
                    }
                } else {
                    int start = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                }
            }
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (verb == 'T' && next < args.size()) {
                out.append(pad(spec, args.get(next++).goType()));
                continue;
            }
            if (next >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            out.append(format(spec, verb, args.get(next++)));
        }
        if (next < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = next; k < args.size(); k++) {
                if (k > next) {
                    out.append(", ");
                }
                out.append(args.get(k).goType()).append('=').append(args.get(k).plain());
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String bad(int verb, Arg arg) {
        String type = arg.kind() == Kind.BIG_INT ? "big.Int" : arg.goType();
        return "%!" + new String(Character.toChars(verb)) + "(" + type + "=" + arg.plain() + ")";
    }

    private static String format(Spec spec, int verb, Arg arg) {
        switch (arg.kind()) {
            case INT, BIG_INT -> {
                boolean big = arg.kind() == Kind.BIG_INT;
                switch (verb) {
                    case 'd', 'v' -> {
                        return integer(spec, arg.integer(), 10, false, "");
                    }
                    case 's' -> {
                        return big ? integer(spec, arg.integer(), 10, false, "") : bad(verb, arg);
                    }
                    case 'b' -> {
                        return integer(spec, arg.integer(), 2, false, spec.sharp ? "0b" : "");
                    }
                    case 'o' -> {
                        return integer(spec, arg.integer(), 8, false, spec.sharp ? "0" : "");
                    }
                    case 'x' -> {
                        return integer(spec, arg.integer(), 16, false, spec.sharp ? "0x" : "");
                    }
                    case 'X' -> {
                        return integer(spec, arg.integer(), 16, true, spec.sharp ? "0X" : "");
                    }
                    case 'c' -> {
                        return big ? bad(verb, arg)
                                : pad(spec, Character.toString(GoQuote.validRune(arg.integer().longValue())));
                    }
                    case 'q' -> {
                        return big ? bad(verb, arg) : pad(spec, GoQuote.quoteRune(arg.integer().longValue(), spec.plus));
                    }
                    case 'U' -> {
                        return big ? bad(verb, arg) : pad(spec, String.format("U+%04X", arg.integer().intValue()));
                    }
                    default -> {
                        return bad(verb, arg);
                    }
                }
            }
            case FLOAT -> {
                double v = arg.real();
                String body;
                switch (verb) {
                    case 'v', 'g' -> body = spec.precision < 0 ? shortestG(Math.abs(v), false) : precisionG(Math.abs(v), spec.precision, false, spec.sharp);
                    case 'G' -> body = spec.precision < 0 ? shortestG(Math.abs(v), true) : precisionG(Math.abs(v), spec.precision, true, spec.sharp);
                    case 'f', 'F' -> body = new BigDecimal(Math.abs(v)).setScale(spec.precision < 0 ? 6 : spec.precision, RoundingMode.HALF_EVEN).toPlainString();
                    case 'e', 'E' -> body = exponent(new BigDecimal(Math.abs(v)), spec.precision < 0 ? 6 : spec.precision, verb == 'E');
                    default -> {
                        return bad(verb, arg);
                    }
                }
                boolean negative = v < 0 || (v == 0 && 1 / v < 0);
                return signed(spec, negative, body);
            }
            default -> {
                String s = arg.text();
                switch (verb) {
                    case 's', 'v' -> {
                        return pad(spec, truncated(spec, s));
                    }
                    case 'q' -> {
                        // Go's fmtQ: the precision cuts the string, '#' back-quotes it where it can, '+' keeps ASCII
                        String cut = truncated(spec, s);
                        return pad(spec, spec.sharp && GoQuote.canBackquote(cut) ? "`" + cut + "`"
                                : GoQuote.quote(cut, spec.plus));
                    }
                    case 'x', 'X' -> {
                        StringBuilder hex = new StringBuilder();
                        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                            if (spec.space && hex.length() > 0) {
                                hex.append(' ');
                            }
                            hex.append(String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff));
                        }
                        return pad(spec, hex.toString());
                    }
                    default -> {
                        return bad(verb, arg);
                    }
                }
            }
        }
    }

    private static String integer(Spec spec, BigInteger value, int radix, boolean upper, String prefix) {
        String digits = value.abs().toString(radix);
        if (upper) {
            digits = digits.toUpperCase();
        }
        if (spec.precision >= 0) {
            if (spec.precision == 0 && value.signum() == 0) {
                digits = "";
            }
            while (digits.length() < spec.precision) {
                digits = "0" + digits;
            }
        }
        return signed(spec, value.signum() < 0, prefix + digits);
    }

    /** Sign, then zero padding (when asked and no precision limits it), then space padding. */
    private static String signed(Spec spec, boolean negative, String body) {
        String sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        if (spec.zero && !spec.minus && spec.width > 0) {
            StringBuilder padded = new StringBuilder(body);
            while (padded.length() + sign.length() < spec.width) {
                padded.insert(0, '0');
            }
            return sign + padded;
        }
        return pad(spec, sign + body);
    }

    /** The string cut to the precision, counted in runes. */
    private static String truncated(Spec spec, String s) {
        if (spec.precision >= 0 && s.codePointCount(0, s.length()) > spec.precision) {
            return s.substring(0, s.offsetByCodePoints(0, spec.precision));
        }
        return s;
    }

    private static String pad(Spec spec, String s) {
        int length = s.codePointCount(0, s.length());
        if (spec.width <= length) {
            return s;
        }
        String fill = " ".repeat(spec.width - length);
        return spec.minus ? s + fill : fill + s;
    }

    /** Shortest decimal digits that read back as the same double (Java 17's Double.toString is not always shortest). */
    public static BigDecimal shortest(double v) {
        if (v == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == v) {
                return candidate;
            }
        }
        return exact;
    }

    /** Go's strconv.FormatFloat(v, 'g', -1, 64): {@link #shortestG} with the sign, -0 included. */
    public static String formatFloat(double v) {
        String magnitude = shortestG(Math.abs(v), false);
        return v < 0 || (v == 0 && 1 / v < 0) ? "-" + magnitude : magnitude;
    }

    /** Go's {@code %v} / {@code %g} at the shortest precision: exponent form when the exponent is below -4 or at least 6. */
    static String shortestG(double v, boolean upper) {
        BigDecimal d = shortest(v).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 6) {
            return exponentDigits(d, d.precision() - 1, upper);
        }
        return d.toPlainString();
    }

    private static String precisionG(double v, int precision, boolean upper, boolean sharp) {
        int p = precision == 0 ? 1 : precision;
        BigDecimal d = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (d.signum() == 0) {
            return "0";
        }
        int exp = d.precision() - d.scale() - 1;
        if (!sharp) {
            d = d.stripTrailingZeros();
        }
        if (exp < -4 || exp >= p) {
            return exponentDigits(d, Math.max(d.precision() - 1, 0), upper);
        }
        return d.toPlainString();
    }

    private static String exponent(BigDecimal v, int precision, boolean upper) {
        if (v.signum() == 0) {
            return "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + (upper ? "E+00" : "e+00");
        }
        BigDecimal rounded = v.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        return exponentDigits(rounded, precision, upper);
    }

    /** d.ddd{fraction}e±XX */
    private static String exponentDigits(BigDecimal v, int fraction, boolean upper) {
        int exp = v.precision() - v.scale() - 1;
        String digits = v.unscaledValue().abs().toString();
        while (digits.length() < fraction + 1) {
            digits = digits + "0";
        }
        StringBuilder out = new StringBuilder();
        out.append(digits.charAt(0));
        if (fraction > 0) {
            out.append('.').append(digits, 1, fraction + 1);
        }
        out.append(upper ? 'E' : 'e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            out.append('0');
        }
        out.append(abs);
        return out.toString();
    }
}
