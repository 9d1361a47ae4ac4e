package io.sark.opa.runtime.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a request through only with {@code Authorization: Bearer <token>}; else 401, as OPA answers. */
final class BearerTokenCheck implements Handler<RoutingContext> {

    private final byte[] expected;

    BearerTokenCheck(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        // constant time: the comparison must not tell how much of a guess was right
        if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
        } else {
            OpaResponses.error(ctx, 401, OpaResponses.UNAUTHORIZED, header == null
                    ? "the request has no Authorization header; a bearer token is required"
                    : "the bearer token is not valid");
        }
    }
}
