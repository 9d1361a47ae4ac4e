package io.sark.opa.runtime.server;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** OPA's boolean query parameters: present without a value ({@code ?metrics}) or {@code =true} is on. */
final class QueryFlags {

    private QueryFlags() {}

    static boolean on(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return false;
        }
        String value = values.get(values.size() - 1);
        return value.isEmpty() || value.equalsIgnoreCase("true");
    }
}
