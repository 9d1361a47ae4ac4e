package io.sark.opa.builtins.go;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for formatting and parsing, as the
 * {@code time.*} builtins take them.
 */
public final class GoTimeLayout {
    private GoTimeLayout() {}

    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    public static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    /** The layout names OPA resolves before formatting. */
    static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", RFC3339),
            Map.entry("RFC3339Nano", RFC3339_NANO),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    /** The layout a Go constant's name stands for; any other text is a layout itself. */
    public static String named(String layout) {
        return NAMED.getOrDefault(layout, layout);
    }

    private static final String[] STD = {
        "January", "Jan", "Monday", "Mon", "MST",
        "2006", "002", "01", "02", "03", "04", "05", "06", "15", "__2", "_2",
        "Z07:00:00", "-07:00:00", "Z070000", "-070000", "Z07:00", "-07:00", "Z0700", "-0700", "Z07", "-07",
        "PM", "pm", "1", "2", "3", "4", "5",
    };

    /** A layout split into literal text and elements (fractional seconds as ".000" / ".999" runs). */
    static List<String> chunks(String layout) {
        List<String> out = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            String element = elementAt(layout, i);
            if (element == null) {
                literal.append(layout.charAt(i++));
                continue;
            }
            if (literal.length() > 0) {
                out.add("'" + literal);
                literal.setLength(0);
            }
            out.add(element);
            i += element.length();
        }
        if (literal.length() > 0) {
            out.add("'" + literal);
        }
        return out;
    }

    private static String elementAt(String layout, int i) {
        char c = layout.charAt(i);
        if ((c == '.' || c == ',') && i + 1 < layout.length() && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
                j++;
            }
            if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                return layout.substring(i, j);
            }
        }
        for (String std : STD) {
            if (layout.startsWith(std, i)) {
                // "Jan" must not be the start of a word like "January" handled above; "Mon" not "Month".
                if ((std.equals("Mon") || std.equals("Jan")) && i + 3 < layout.length() && Character.isLowerCase(layout.charAt(i + 3))) {
                    return null;
                }
                return std;
            }
        }
        return null;
    }

    public static String format(ZonedDateTime t, String layout) {
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks(layout)) {
            if (chunk.startsWith("'")) {
                out.append(chunk, 1, chunk.length());
                continue;
            }
            int offset = t.getOffset().getTotalSeconds();
            switch (chunk) {
                case "January" -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "Jan" -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "Monday" -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case "Mon" -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case "MST" -> out.append(abbreviation(t));
                case "2006" -> out.append(String.format("%04d", t.getYear()));
                case "06" -> out.append(String.format("%02d", Math.floorMod(t.getYear(), 100)));
                case "002" -> out.append(String.format("%03d", t.getDayOfYear()));
                case "__2" -> out.append(String.format("%3d", t.getDayOfYear()));
                case "01" -> out.append(String.format("%02d", t.getMonthValue()));
                case "1" -> out.append(t.getMonthValue());
                case "02" -> out.append(String.format("%02d", t.getDayOfMonth()));
                case "_2" -> out.append(String.format("%2d", t.getDayOfMonth()));
                case "2" -> out.append(t.getDayOfMonth());
                case "15" -> out.append(String.format("%02d", t.getHour()));
                case "03" -> out.append(String.format("%02d", hour12(t)));
                case "3" -> out.append(hour12(t));
                case "04" -> out.append(String.format("%02d", t.getMinute()));
                case "4" -> out.append(t.getMinute());
                case "05" -> out.append(String.format("%02d", t.getSecond()));
                case "5" -> out.append(t.getSecond());
                case "PM" -> out.append(t.getHour() >= 12 ? "PM" : "AM");
                case "pm" -> out.append(t.getHour() >= 12 ? "pm" : "am");
                default -> {
                    if (chunk.charAt(0) == '.' || chunk.charAt(0) == ',') {
                        out.append(fraction(t.getNano(), chunk));
                    } else {
                        out.append(zone(offset, chunk));
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    /** The zone's letters (UTC, PST, IST), or a numeric "-0700" when it has none, as Go prints MST. */
    private static String abbreviation(ZonedDateTime t) {
        int offset = t.getOffset().getTotalSeconds();
        if (t.getZone() instanceof ZoneOffset) {
            return offset == 0 ? "UTC" : zone(offset, "-0700");
        }
        String letters = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(t);
        return letters.matches("[A-Z]{3,5}") ? letters : zone(offset, "-0700");
    }

    private static String fraction(int nanos, String chunk) {
        int digits = chunk.length() - 1;
        String all = String.format("%09d", nanos).substring(0, digits);
        if (chunk.charAt(1) == '9') {
            all = all.replaceAll("0+$", "");
            if (all.isEmpty()) {
                return "";
            }
        }
        return chunk.charAt(0) + all;
    }

    private static String zone(int offset, String chunk) {
        if (chunk.startsWith("Z") && offset == 0) {
            return "Z";
        }
        String sign = offset < 0 ? "-" : "+";
        int abs = Math.abs(offset);
        String hh = String.format("%02d", abs / 3600);
        String mm = String.format("%02d", abs / 60 % 60);
        String ss = String.format("%02d", abs % 60);
        return switch (chunk.substring(1)) {
            case "07:00:00" -> sign + hh + ":" + mm + ":" + ss;
            case "070000" -> sign + hh + mm + ss;
            case "07:00" -> sign + hh + ":" + mm;
            case "0700" -> sign + hh + mm;
            default -> sign + hh;
        };
    }

    /** Thrown with Go's wording when a value does not follow its layout. */
    public static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    /** Go's time.Parse: a value without zone information is UTC. */
    public static ZonedDateTime parse(String layout, String value) throws ParseException {
        String rest = value;
        int year = 1;
        int month = 1;
        int day = 1;
        int yday = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        Boolean pm = null;
        ZoneId zone = ZoneOffset.UTC;
        List<String> chunks = chunks(layout);
        for (int k = 0; k < chunks.size(); k++) {
            String chunk = chunks.get(k);
            String before = rest;
            if (chunk.startsWith("'")) {
                String literal = chunk.substring(1);
                if (!rest.startsWith(literal)) {
                    throw error(layout, value, rest, literal);
                }
                rest = rest.substring(literal.length());
                continue;
            }
            switch (chunk) {
                case "2006" -> {
                    if (rest.length() < 4 || !rest.substring(0, 4).chars().allMatch(Character::isDigit)) {
                        throw error(layout, value, before, chunk);
                    }
                    year = Integer.parseInt(rest.substring(0, 4));
                    rest = rest.substring(4);
                }
                case "06" -> {
                    int[] n = number(rest, 2, 2, layout, value, chunk);
                    year = n[0] >= 69 ? 1900 + n[0] : 2000 + n[0];
                    rest = rest.substring(n[1]);
                }
                case "01", "1" -> {
                    int[] n = number(rest, chunk.length(), 2, layout, value, chunk);
                    month = n[0];
                    rest = rest.substring(n[1]);
                }
                case "January", "Jan" -> {
                    int found = -1;
                    for (int m = 1; m <= 12; m++) {
                        String name = java.time.Month.of(m).getDisplayName(chunk.length() == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
                        if (rest.regionMatches(true, 0, name, 0, name.length())) {
                            found = m;
                            rest = rest.substring(name.length());
                            break;
                        }
                    }
                    if (found < 0) {
                        throw error(layout, value, before, chunk);
                    }
                    month = found;
                }
                case "Monday", "Mon" -> {
                    boolean found = false;
                    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                        String name = d.getDisplayName(chunk.length() == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
                        if (rest.regionMatches(true, 0, name, 0, name.length())) {
                            rest = rest.substring(name.length());
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        throw error(layout, value, before, chunk);
                    }
                }
                case "02", "2", "_2" -> {
                    if (chunk.equals("_2") && rest.startsWith(" ")) {
                        rest = rest.substring(1);
                    }
                    int[] n = number(rest, chunk.equals("02") ? 2 : 1, 2, layout, value, chunk);
                    day = n[0];
                    rest = rest.substring(n[1]);
                }
                case "002", "__2" -> {
                    String r = chunk.equals("__2") ? rest.replaceFirst("^ {1,2}", "") : rest;
                    int[] n = number(r, chunk.equals("002") ? 3 : 1, 3, layout, value, chunk);
                    yday = n[0];
                    rest = r.substring(n[1]);
                }
                case "15", "03", "3" -> {
                    int[] n = number(rest, chunk.equals("03") ? 2 : 1, 2, layout, value, chunk);
                    hour = n[0];
                    if (chunk.equals("15") ? hour > 23 : hour > 12) {
                        throw new ParseException("parsing time \"" + value + "\": hour out of range");
                    }
                    rest = rest.substring(n[1]);
                }
                case "04", "4" -> {
                    int[] n = number(rest, chunk.length(), 2, layout, value, chunk);
                    minute = n[0];
                    if (minute > 59) {
                        throw new ParseException("parsing time \"" + value + "\": minute out of range");
                    }
                    rest = rest.substring(n[1]);
                }
                case "05", "5" -> {
                    int[] n = number(rest, chunk.length(), 2, layout, value, chunk);
                    second = n[0];
                    if (second > 59) {
                        throw new ParseException("parsing time \"" + value + "\": second out of range");
                    }
                    rest = rest.substring(n[1]);
                    // Go accepts a fractional second right after the seconds even when the layout has none.
                    boolean layoutHasFraction = k + 1 < chunks.size() && (chunks.get(k + 1).startsWith(".") || chunks.get(k + 1).startsWith(","));
                    if (!layoutHasFraction && rest.length() > 1 && (rest.charAt(0) == '.' || rest.charAt(0) == ',') && Character.isDigit(rest.charAt(1))) {
                        int j = 1;
                        while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
                            j++;
                        }
                        nanos = nanos(rest.substring(1, j));
                        rest = rest.substring(j);
                    }
                }
                case "PM", "pm" -> {
                    if (rest.length() < 2) {
                        throw error(layout, value, before, chunk);
                    }
                    String p = rest.substring(0, 2).toUpperCase(Locale.ROOT);
                    if (!p.equals("AM") && !p.equals("PM")) {
                        throw error(layout, value, before, chunk);
                    }
                    pm = p.equals("PM");
                    rest = rest.substring(2);
                }
                case "MST" -> {
                    int j = 0;
                    while (j < rest.length() && Character.isUpperCase(rest.charAt(j))) {
                        j++;
                    }
                    if (j < 3) {
                        throw error(layout, value, before, chunk);
                    }
                    String abbreviation = rest.substring(0, j);
                    zone = abbreviation.equals("UTC") || abbreviation.equals("GMT") ? ZoneOffset.UTC : zone;
                    rest = rest.substring(j);
                }
                default -> {
                    if (chunk.charAt(0) == '.' || chunk.charAt(0) == ',') {
                        if (rest.isEmpty() || (rest.charAt(0) != '.' && rest.charAt(0) != ',')) {
                            if (chunk.charAt(1) == '9') {
                                break;
                            }
                            throw error(layout, value, before, chunk);
                        }
                        int j = 1;
                        while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
                            j++;
                        }
                        if (chunk.charAt(1) == '0' && j - 1 != chunk.length() - 1) {
                            throw error(layout, value, before, chunk);
                        }
                        nanos = nanos(rest.substring(1, j));
                        rest = rest.substring(j);
                    } else {
                        if (chunk.startsWith("Z") && rest.startsWith("Z")) {
                            zone = ZoneOffset.UTC;
                            rest = rest.substring(1);
                            break;
                        }
                        int[] parsed = offset(rest, chunk.substring(1));
                        if (parsed == null) {
                            throw error(layout, value, before, chunk);
                        }
                        try {
                            zone = ZoneOffset.ofTotalSeconds(parsed[0]);
                        } catch (DateTimeException e) {
                            throw new ParseException("parsing time \"" + value + "\": time zone offset out of range");
                        }
                        rest = rest.substring(parsed[1]);
                    }
                }
            }
        }
        if (!rest.isEmpty()) {
            throw new ParseException("parsing time \"" + value + "\": extra text: \"" + rest + "\"");
        }
        if (pm != null) {
            if (pm && hour < 12) {
                hour += 12;
            } else if (!pm && hour == 12) {
                hour = 0;
            }
        }
        try {
            LocalDate date;
            if (yday >= 0) {
                date = LocalDate.ofYearDay(year, yday);
            } else {
                if (month < 1 || month > 12) {
                    throw new ParseException("parsing time \"" + value + "\": month out of range");
                }
                if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                    throw new ParseException("parsing time \"" + value + "\": day out of range");
                }
                date = LocalDate.of(year, month, day);
            }
            return ZonedDateTime.of(date, java.time.LocalTime.of(hour, minute, second, nanos), zone);
        } catch (DateTimeException e) {
            throw new ParseException("parsing time \"" + value + "\": " + e.getMessage());
        }
    }

    private static int nanos(String digits) {
        String nine = (digits + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }

    /** {value, consumed} for an offset of the given shape ("07:00", "0700", "07", ...), or null. */
    private static int[] offset(String s, String shape) {
        if (s.isEmpty() || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
            return null;
        }
        int sign = s.charAt(0) == '-' ? -1 : 1;
        String pattern = shape.replace('0', 'd').replace('7', 'd');
        if (s.length() < 1 + pattern.length()) {
            return null;
        }
        String body = s.substring(1, 1 + pattern.length());
        int[] fields = new int[3];
        int field = 0;
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == ':') {
                if (body.charAt(i) != ':') {
                    return null;
                }
                continue;
            }
            if (!Character.isDigit(body.charAt(i))) {
                return null;
            }
            digits.append(body.charAt(i));
            if (digits.length() == 2) {
                fields[field++] = Integer.parseInt(digits.toString());
                digits.setLength(0);
            }
        }
        return new int[] {sign * (fields[0] * 3600 + fields[1] * 60 + fields[2]), 1 + pattern.length()};
    }

    /** {value, consumed}: between {@code min} and {@code max} digits. */
    private static int[] number(String s, int min, int max, String layout, String value, String chunk) throws ParseException {
        int j = 0;
        while (j < s.length() && j < max && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j < min) {
            throw error(layout, value, s, chunk);
        }
        return new int[] {Integer.parseInt(s.substring(0, j)), j};
    }

    private static ParseException error(String layout, String value, String rest, String element) {
        return new ParseException("parsing time \"" + value + "\" as \"" + layout + "\": cannot parse \"" + rest + "\" as \"" + element + "\"");
    }
}
