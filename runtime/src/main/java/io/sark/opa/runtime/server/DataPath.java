package io.sark.opa.runtime.server;

import io.sark.opa.runtime.engine.EntrypointPath;
import io.vertx.core.net.impl.URIDecoder;
import io.vertx.ext.web.RoutingContext;

/**
 * The document a {@code /v1/data/…} request names, as an entrypoint ({@code a/b/c}); {@code data} for the
 * root. It is read from the router's normalized path, so the {@code /v1/data} prefix is where the route
 * matched it. The path is percent-decoded before it is split, so {@code a%2Fb} is {@code a/b} as OPA reads it
 * (OPA's own clients encode the slashes). A path the router had to clean ({@code //}, {@code .} or {@code ..}
 * segments, which OPA's server redirects rather than serves), a broken percent escape or a segment no
 * entrypoint can have ({@link EntrypointPath}) is a bad path.
 */
final class DataPath {

    static final String PREFIX = "/v1/data";

    private DataPath() {}

    static String entrypoint(RoutingContext ctx) {
        String path = document(ctx);
        if (path.isEmpty()) {
            return EntrypointPath.ROOT;
        }
        try {
            for (String segment : path.split("/", -1)) {
                EntrypointPath.checkSegment(path, segment);
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bad path: " + e.getMessage());
        }
        return path;
    }

    /**
     * The document a write names, {@code ""} for the root: any key a data document can have, so segments are only
     * refused when the router had to clean them ({@code //}, {@code .}, {@code ..}) or an escape is broken.
     */
    static String document(RoutingContext ctx) {
        String raw = ctx.request().path();
        checkClean(raw);
        String decoded = decode(raw, ctx.normalizedPath().substring(PREFIX.length()));
        String trimmed = decoded.startsWith("/") ? decoded.substring(1) : decoded;
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** Every segment of the raw path, decoded, is neither empty nor {@code .} nor {@code ..} (a trailing slash aside). */
    private static void checkClean(String raw) {
        String[] segments = raw.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = decode(raw, segments[i]);
            boolean trailing = i == segments.length - 1 && segment.isEmpty();
            if (!trailing && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw new BadRequestException("bad path: a segment is empty, '.' or '..'");
            }
        }
    }

    private static String decode(String raw, String part) {
        try {
            return URIDecoder.decodeURIComponent(part, false);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bad path: a percent escape is broken", e);
        }
    }
}
