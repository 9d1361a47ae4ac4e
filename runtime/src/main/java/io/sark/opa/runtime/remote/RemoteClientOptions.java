package io.sark.opa.runtime.remote;

import io.sark.opa.runtime.config.RemoteConfig;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Locale;

/** The web client settings a {@link RemoteConfig} asks for: timeouts, pool size and trust store. */
public final class RemoteClientOptions {

    private RemoteClientOptions() {}

    static WebClientOptions of(RemoteConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
                .setMaxPoolSize(config.maxConcurrency())
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("sark-opa");
        config.trustStore().ifPresent(path -> options.setTrustOptions(trustOptions(path, config.trustStorePassword().orElse(null))));
        return options;
    }

    /** The trust store's kind follows its file name: {@code .jks}, {@code .p12}/{@code .pfx}, else PEM. */
    public static TrustOptions trustOptions(String path, String password) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return new JksOptions().setPath(path).setPassword(password);
        } else if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return new PfxOptions().setPath(path).setPassword(password);
        }
        return new PemTrustOptions().addCertPath(path);
    }
}
