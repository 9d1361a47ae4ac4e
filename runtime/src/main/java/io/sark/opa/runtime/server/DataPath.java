package io.sark.opa.runtime.server;

import io.vertx.core.net.impl.URIDecoder;

/**
 * The document a {@code /v1/data/…} request names, as an entrypoint ({@code a/b/c}); {@code data} for the
 * root. The path is percent-decoded before it is split, so {@code a%2Fb} is {@code a/b} as OPA reads it
 * (OPA's own clients encode the slashes). An empty segment ({@code a//b}), a control character or a broken
 * percent escape is a bad path.
 */
final class DataPath {

    static final String PREFIX = "/v1/data";
    static final String ROOT = "data";

    private DataPath() {}

    static String entrypoint(String requestPath) {
        String decoded;
        try {
            decoded = URIDecoder.decodeURIComponent(requestPath.substring(PREFIX.length()), false);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bad path: " + requestPath + ": " + e.getMessage(), e);
        }
        String trimmed = trimSlashes(decoded);
        if (trimmed.isEmpty()) {
            return ROOT;
        }
        if (trimmed.contains("//") || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("bad path: " + requestPath + ": a segment is empty or holds a control character");
        }
        return trimmed;
    }

    /** The document a write names: as {@link #entrypoint}, but {@code ""} for the root. */
    static String document(String requestPath) {
        return trimSlashes(requestPath.substring(PREFIX.length())).isEmpty() ? "" : entrypoint(requestPath);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
