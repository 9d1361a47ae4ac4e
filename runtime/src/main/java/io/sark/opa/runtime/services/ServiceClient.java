package io.sark.opa.runtime.services;

import io.sark.opa.runtime.config.ServiceConfig;
import io.sark.opa.runtime.remote.RemoteClientOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Locale;

/**
 * A web client for one named service (OPA's {@code services}): its base URL, bearer token, headers, timeouts and
 * TLS. Requests name a path under the base URL, encoded per segment by the caller.
 */
public final class ServiceClient {

    private final String name;
    private final ServiceConfig config;
    private final URI base;
    private final WebClient client;

    public ServiceClient(Vertx vertx, String name, ServiceConfig config) {
        this.name = name;
        this.config = config;
        this.base = URI.create(config.url().endsWith("/") ? config.url() : config.url() + "/");
        this.client = WebClient.create(vertx, options(config, base));
    }

    /** The client of the service {@code name}, which the setting {@code key} names; fails when it is not configured. */
    public static ServiceClient named(Vertx vertx, io.sark.opa.runtime.config.SarkOpaConfig config, String name,
            String key) {
        ServiceConfig service = config.services().get(name);
        if (service == null) {
            throw new IllegalStateException(key + " names '" + name
                    + "', which is not configured under quarkus.sark-opa.services");
        }
        return new ServiceClient(vertx, name, service);
    }

    /** The service's name in the configuration. */
    public String name() {
        return name;
    }

    /** A request for {@code path} (relative, already encoded) with the service's token and headers set. */
    public HttpRequest<io.vertx.core.buffer.Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
        URI target = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest<io.vertx.core.buffer.Buffer> request = client.requestAbs(method, target.toString())
                .timeout(config.responseTimeout().toMillis());
        config.headers().forEach(request::putHeader);
        config.token().ifPresent(token -> request.bearerTokenAuthentication(token));
        return request;
    }

    public void close() {
        client.close();
    }

    private static WebClientOptions options(ServiceConfig config, URI base) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("sark-opa")
                .setSsl("https".equalsIgnoreCase(base.getScheme()));
        config.trustStore().ifPresent(path -> options.setTrustOptions(
                RemoteClientOptions.trustOptions(path, config.trustStorePassword().orElse(null))));
        config.keyStore().ifPresent(path -> {
            String password = config.keyStorePassword().orElse(null);
            options.setKeyCertOptions(path.toLowerCase(Locale.ROOT).endsWith(".jks")
                    ? new JksOptions().setPath(path).setPassword(password)
                    : new PfxOptions().setPath(path).setPassword(password));
        });
        return options;
    }
}
