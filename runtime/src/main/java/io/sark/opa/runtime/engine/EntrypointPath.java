package io.sark.opa.runtime.engine;

import java.util.regex.Pattern;

/** The spellings users write for an entrypoint, reduced to the module's form: {@code authz/allow}. */
public final class EntrypointPath {

    /** What {@code /v1/data} and the empty entrypoint name: the root document. */
    public static final String ROOT = "data";

    // OPA's rule and package names are vars (letters, digits, '_'); '-' is kept for names written as strings
    // (package a["b-c"]). Anything else ('#', '?', '%', spaces, '.') cannot name a compiled entrypoint.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    private EntrypointPath() {}

    /**
     * {@code authz/allow}, {@code authz.allow}, {@code data.authz.allow} and {@code /data/authz/allow} alike.
     * A segment that is empty ({@code a//b}, {@code a..b}) or holds another character than letters, digits,
     * {@code _} and {@code -} makes the path invalid: it could never name an entrypoint.
     */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("entrypoint path is empty");
        }
        String p = path.trim().replace('.', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(ROOT)) {
            return "";
        }
        if (p.startsWith(ROOT + "/")) {
            p = p.substring(ROOT.length() + 1);
        }
        for (String segment : p.split("/", -1)) {
            checkSegment(path, segment);
        }
        return p;
    }

    /** Throws when {@code segment} of {@code path} cannot be part of an entrypoint. */
    public static void checkSegment(String path, String segment) {
        if (!SEGMENT.matcher(segment).matches()) {
            throw new IllegalArgumentException("invalid entrypoint path '" + shortened(path) + "': "
                    + (segment.isEmpty() ? "a segment is empty" : "a segment holds a character other than letters, digits, '_' and '-'"));
        }
    }

    /** The entrypoint as messages name it: {@code data} for the root. */
    public static String label(String entrypoint) {
        return entrypoint.isEmpty() ? ROOT : entrypoint;
    }

    // a caller's path may be long; messages show its start
    private static String shortened(String path) {
        String printable = path.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
    }
}
