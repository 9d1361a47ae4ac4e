package io.sark.opa.runtime.engine;

/** The spellings users write for an entrypoint, reduced to the module's form: {@code authz/allow}. */
public final class EntrypointPath {

    private EntrypointPath() {}

    /** {@code authz/allow}, {@code authz.allow}, {@code data.authz.allow} and {@code /data/authz/allow} alike. */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("entrypoint path is empty");
        }
        String p = path.trim().replace('.', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.equals("data")) {
            return "";
        }
        if (p.startsWith("data/")) {
            p = p.substring("data/".length());
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
