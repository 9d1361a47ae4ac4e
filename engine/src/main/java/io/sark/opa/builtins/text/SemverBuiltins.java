package io.sark.opa.builtins.text;


import io.sark.opa.builtins.Json;
import io.sark.opa.builtins.Operands;
import io.sark.opa.engine.Builtin;
import io.sark.opa.engine.BuiltinException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** {@code semver.is_valid} and {@code semver.compare}: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], SemVer 2.0 precedence. */
public final class SemverBuiltins {
    private SemverBuiltins() {}

    public static List<Builtin> all() {
        return List.of(
                Operands.builtin("semver.is_valid", 1, (ctx, a) -> Json.bool(a.get(0) != null && a.get(0).isTextual() && Version.parse(a.get(0).textValue()) != null)),
                Operands.builtin("semver.compare", 2, (ctx, a) -> Json.number(
                        version(a, 0).compareTo(version(a, 1)))));
    }

    private static Version version(Operands a, int index) {
        String text = a.string(index);
        Version v = Version.parse(text);
        if (v == null) {
            throw new BuiltinException(a.builtin() + ": operand " + (index + 1) + ": string \"" + text + "\" is not a valid SemVer");
        }
        return v;
    }

    record Version(BigInteger major, BigInteger minor, BigInteger patch, String[] preRelease) implements Comparable<Version> {

        static Version parse(String s) {
            String rest = s;
            int plus = rest.indexOf('+');
            if (plus >= 0) {
                if (!identifiers(rest.substring(plus + 1))) {
                    return null;
                }
                rest = rest.substring(0, plus);
            }
            String[] pre = new String[0];
            int dash = rest.indexOf('-');
            if (dash >= 0) {
                String preText = rest.substring(dash + 1);
                if (!identifiers(preText)) {
                    return null;
                }
                pre = preText.split("\\.");
                if (!Arrays.stream(pre).allMatch(Version::noLeadingZero)) {
                    return null;
                }
                rest = rest.substring(0, dash);
            }
            String[] parts = rest.split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            BigInteger[] numbers = new BigInteger[3];
            for (int i = 0; i < 3; i++) {
                if (parts[i].isEmpty() || !parts[i].chars().allMatch(Character::isDigit) || !noLeadingZero(parts[i])) {
                    return null;
                }
                numbers[i] = new BigInteger(parts[i]);
            }
            return new Version(numbers[0], numbers[1], numbers[2], pre);
        }

        /** SemVer 2.0 (items 2 and 9): a numeric identifier has no leading zero; build metadata may. */
        private static boolean noLeadingZero(String id) {
            return id.length() == 1 || id.charAt(0) != '0' || !id.chars().allMatch(Character::isDigit);
        }

        private static boolean identifiers(String text) {
            if (text.isEmpty()) {
                return false;
            }
            for (String id : text.split("\\.", -1)) {
                if (id.isEmpty() || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int compareTo(Version o) {
            int c = major.compareTo(o.major);
            if (c == 0) {
                c = minor.compareTo(o.minor);
            }
            if (c == 0) {
                c = patch.compareTo(o.patch);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
            // A version without pre-release identifiers ranks above one with them.
            if (preRelease.length == 0 && o.preRelease.length == 0) {
                return 0;
            }
            if (preRelease.length == 0 || o.preRelease.length == 0) {
                return preRelease.length == 0 ? 1 : -1;
            }
            for (int i = 0; i < Math.min(preRelease.length, o.preRelease.length); i++) {
                c = compareIdentifier(preRelease[i], o.preRelease[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.signum(Integer.compare(preRelease.length, o.preRelease.length));
        }

        private static int compareIdentifier(String a, String b) {
            boolean an = a.chars().allMatch(Character::isDigit);
            boolean bn = b.chars().allMatch(Character::isDigit);
            if (an && bn) {
                return Integer.signum(new BigInteger(a).compareTo(new BigInteger(b)));
            }
            if (an != bn) {
                return an ? -1 : 1;
            }
            return Integer.signum(a.compareTo(b));
        }
    }
}
