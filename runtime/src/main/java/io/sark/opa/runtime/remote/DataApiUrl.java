package io.sark.opa.runtime.remote;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Data API URL of an entrypoint on a server: {@code <server>/v1/data/<segment>/…}, each segment
 * percent-encoded on its own, so that no character of an entrypoint ({@code #}, {@code ?}, {@code %}, {@code /}
 * inside a segment) can end the path, start a query or a fragment, or name another document.
 */
final class DataApiUrl {

    private DataApiUrl() {}

    static String of(String server, String entrypoint) {
        StringBuilder url = new StringBuilder(server.endsWith("/") ? server.substring(0, server.length() - 1) : server)
                .append("/v1/data");
        if (!entrypoint.isEmpty()) {
            for (String segment : entrypoint.split("/", -1)) {
                url.append('/').append(encode(segment));
            }
        }
        return url.toString();
    }

    // URLEncoder writes form encoding: everything but [A-Za-z0-9.*_-] escaped, a space as '+' (a '+' itself as %2B)
    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
