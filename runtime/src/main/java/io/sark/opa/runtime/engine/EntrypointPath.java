package io.sark.opa.runtime.engine;

/** The spellings users write for an entrypoint, reduced to the module's form: {@code authz/allow}. */
public final class EntrypointPath {

    /** What {@code /v1/data} and the empty entrypoint name: the root document. */
    public static final String ROOT = "data";

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
        // every decision passes here, a cache hit included: the segments are checked in place, without a regex
        for (int from = 0, to = p.indexOf('/'); ; from = to + 1, to = p.indexOf('/', from)) {
            int end = to < 0 ? p.length() : to;
            if (!isSegment(p, from, end)) {
                checkSegment(path, p.substring(from, end));
            }
            if (to < 0) {
                return p;
            }
        }
    }

    /** Throws when {@code segment} of {@code path} cannot be part of an entrypoint. */
    public static void checkSegment(String path, String segment) {
        if (!isSegment(segment, 0, segment.length())) {
            throw new IllegalArgumentException("invalid entrypoint path '" + shortened(path) + "': "
                    + (segment.isEmpty() ? "a segment is empty" : "a segment holds a character other than letters, digits, '_' and '-'"));
        }
    }

    /** Whether {@code text} from {@code from} to {@code to} is a segment: one or more letters, digits, '_' or '-'. */
    private static boolean isSegment(String text, int from, int to) {
        // OPA's rule and package names are vars (letters, digits, '_'); '-' is kept for names written as strings
        // (package a["b-c"]). Anything else ('#', '?', '%', spaces, '.') cannot name a compiled entrypoint.
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
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
